import { z } from 'zod';
import { ClientConfigSchema, type ClientConfig } from './client.ts';
import { checkContentUse } from '../workflows/content-map.ts';
import { checkWorkflowReferences } from '../workflows/references.ts';

/** One problem found in a client configuration. */
export interface ConfigProblem {
  /** Dotted path to the value, for example `fit.criteria.2.points`. */
  path: string;
  /** The value found there, or undefined when it is missing. */
  value: unknown;
  /** What is wrong and what is allowed. */
  message: string;
}

export type ConfigResult =
  { ok: true; config: ClientConfig } | { ok: false; problems: ConfigProblem[] };

/** Thrown where a configuration must be valid to go on; its message lists every problem. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `Invalid client configuration ${source}:\n` +
        problems.map((problem) => `  - ${formatProblem(problem)}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Validates a parsed configuration file against the schema and the cross-references within it. */
export function checkClientConfig(raw: unknown): ConfigResult {
  const parsed = ClientConfigSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => toProblem(raw, issue)),
    };
  }
  const problems = checkReferences(parsed.data);
  return problems.length === 0
    ? { ok: true, config: parsed.data }
    : { ok: false, problems };
}

/** Validates a configuration and throws {@link ConfigError} when it has problems. */
export function parseClientConfig(
  raw: unknown,
  source = 'config',
): ClientConfig {
  const result = checkClientConfig(raw);
  if (!result.ok) throw new ConfigError(source, result.problems);
  return result.config;
}

export function formatProblem(problem: ConfigProblem): string {
  const value =
    problem.value === undefined ? 'missing' : JSON.stringify(problem.value);
  return `${problem.path || '(root)'}: ${problem.message} (found ${value})`;
}

function toProblem(raw: unknown, issue: z.core.$ZodIssue): ConfigProblem {
  const path = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    message = `unknown key(s) ${issue.keys.join(', ')}; remove or fix the spelling`;
  }
  return { path, value: valueAt(raw, issue.path), message };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function checkReferences(config: ClientConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const personaIds = config.personas.items.map((persona) => persona.id);
  problems.push(...duplicates(personaIds, 'personas.items', 'persona id'));
  problems.push(
    ...duplicates(
      config.fit.criteria.map((criterion) => criterion.id),
      'fit.criteria',
      'criterion id',
    ),
  );
  problems.push(
    ...duplicates(
      config.content.map((item) => item.id),
      'content',
      'content id',
    ),
  );
  config.personas.fallbacks.forEach((fallback, index) => {
    if (!personaIds.includes(fallback.persona)) {
      problems.push({
        path: `personas.fallbacks.${index}.persona`,
        value: fallback.persona,
        message: `unknown persona; use one of ${personaIds.join(', ')}`,
      });
    }
  });
  problems.push(...checkWorkflowReferences(config));
  problems.push(...checkContentUse(config));
  return problems;
}

function duplicates(
  ids: string[],
  path: string,
  what: string,
): ConfigProblem[] {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  ids.forEach((id, index) => {
    if (seen.has(id)) {
      problems.push({
        path: `${path}.${index}.id`,
        value: id,
        message: `duplicate ${what}; every ${what} must be unique`,
      });
    }
    seen.add(id);
  });
  return problems;
}
