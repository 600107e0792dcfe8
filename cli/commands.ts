/** A subcommand of `nurture`: takes its arguments, returns the exit code. */
export type Command = (args: string[]) => Promise<number>;

interface CommandEntry {
  usage: string;
  summary: string;
  load: () => Promise<Command>;
}

const COMMANDS: Record<string, CommandEntry> = {
  config: {
    usage: 'config check FILE | config schema',
    summary: 'validate a client configuration, or print its JSON Schema',
    load: async () => (await import('./config.ts')).configCommand,
  },
  'setup-hubspot': {
    usage: 'setup-hubspot [--json]',
    summary: 'create the nurture property group and properties in HubSpot',
    load: async () => (await import('./setup-hubspot.ts')).setupHubSpotCommand,
  },
  replay: {
    usage: 'replay --csv FILE --mapping FILE --config FILE [--json]',
    summary: 'score a CSV export of leads and print quality figures',
    load: async () => (await import('./replay.ts')).replayCommand,
  },
  workflows: {
    usage: 'workflows lock CONFIG [--lock FILE]',
    summary: 'publish new workflow versions in the lock file',
    load: async () => (await import('./workflows.ts')).workflowsCommand,
  },
  simulate: {
    usage: 'simulate --config FILE --contacts FILE [--days N] [--json]',
    summary: 'dry-run the workflows on example contacts with a simulated clock',
    load: async () => (await import('./simulate.ts')).simulateCommand,
  },
  invoke: {
    usage: 'invoke FUNCTION EVENT_FILE [--config FILE]',
    summary: "run one function's handler on an event file, locally",
    load: async () => (await import('./invoke.ts')).invokeCommand,
  },
  rejected: {
    usage: 'rejected list [--limit N] [--since TIME] [--raw] | show ID',
    summary: 'list the inputs Nurture rejected, newest first, or show one',
    load: async () => (await import('./rejected.ts')).rejectedCommand,
  },
  calibrate: {
    usage: 'calibrate --csv FILE --mapping FILE --config FILE --out FILE',
    summary: 'fit points and thresholds to an outcome column, cross-validated',
    load: async () => (await import('./calibrate.ts')).calibrateCommand,
  },
};

/** Dispatches `nurture <command> ...` to the command's module. */
export async function runCommand(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const entry = name === undefined ? undefined : COMMANDS[name];
  if (entry === undefined) {
    if (name !== undefined && name !== 'help' && name !== '--help') {
      console.error(`Unknown command "${name}".`);
    }
    console.error(usage());
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  const command = await entry.load();
  return command(rest);
}

function usage(): string {
  const lines = Object.values(COMMANDS).map(
    (entry) => `  nurture ${entry.usage.padEnd(48)} ${entry.summary}`,
  );
  return ['Usage:', ...lines].join('\n');
}
