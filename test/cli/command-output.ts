import { vi } from 'vitest';

/** What a command printed, and its exit code. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command function in this process and captures what it prints with console.log and console.error. */
export async function runCaptured(
  command: (args: string[]) => Promise<number>,
  args: string[],
): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...parts: unknown[]) => {
      out.push(parts.join(' '));
    });
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...parts: unknown[]) => {
      err.push(parts.join(' '));
    });
  try {
    const code = await command(args);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
