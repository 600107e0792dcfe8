import type { z } from 'zod';
import { ReplayError } from './errors.ts';
import { ReplayMappingSchema, type ReplayMapping } from './mapping.ts';

/** One problem found in a replay mapping. */
export interface MappingProblem {
  /** Dotted path to the value, for example `events.2.kind`. */
  path: string;
  /** The value found there, or undefined when it is missing. */
  value: unknown;
  message: string;
}

/** Thrown for an invalid replay mapping; its message lists every problem. */
export class MappingError extends ReplayError {
  constructor(
    readonly source: string,
    readonly problems: MappingProblem[],
  ) {
    super(
      `Invalid replay mapping ${source}:\n` +
        problems.map((problem) => `  - ${formatProblem(problem)}`).join('\n'),
    );
    this.name = 'MappingError';
  }
}

/** Validates a parsed mapping file and throws {@link MappingError} when it has problems. */
export function parseReplayMapping(
  raw: unknown,
  source = 'mapping',
): ReplayMapping {
  const parsed = ReplayMappingSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new MappingError(
    source,
    parsed.error.issues.map((issue) => toProblem(raw, issue)),
  );
}

function formatProblem(problem: MappingProblem): string {
  const value =
    problem.value === undefined ? 'missing' : JSON.stringify(problem.value);
  return `${problem.path || '(root)'}: ${problem.message} (found ${value})`;
}

function toProblem(raw: unknown, issue: z.core.$ZodIssue): MappingProblem {
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    message = `unknown key(s) ${issue.keys.join(', ')}; remove or fix the spelling`;
  }
  return {
    path: issue.path.map(String).join('.'),
    value: valueAt(raw, issue.path),
    message,
  };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
