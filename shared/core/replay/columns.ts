import { ReplayError } from './errors.ts';
import { mappedColumns, type ReplayMapping } from './mapping.ts';

/**
 * Checks that every column the mapping names is in the CSV header, and
 * throws {@link ReplayError} naming each missing column with close matches.
 */
export function checkMappingColumns(
  mapping: ReplayMapping,
  header: readonly string[],
  source = 'the CSV file',
): void {
  const present = new Set(header);
  const lines: string[] = [];
  const reported = new Set<string>();
  for (const { path, column } of mappedColumns(mapping)) {
    if (present.has(column) || reported.has(column)) continue;
    reported.add(column);
    const matches = closeMatches(column, header);
    const hint =
      matches.length === 0
        ? 'no similar column'
        : `close matches: ${matches.map((match) => `"${match}"`).join(', ')}`;
    lines.push(
      `  - "${column}" (mapping ${path.join('.')}) is not a column of ${source}; ${hint}`,
    );
  }
  if (lines.length > 0) {
    throw new ReplayError(
      `The mapping names ${lines.length} column(s) that ${source} does not have:\n${lines.join('\n')}\nFix the names in the mapping to match the CSV header.`,
    );
  }
}

/** Returns up to `limit` header names closest to `name`, ignoring case and spacing. */
export function closeMatches(
  name: string,
  header: readonly string[],
  limit = 3,
): string[] {
  const target = normalise(name);
  const maximum = Math.max(2, Math.floor(target.length / 3));
  return header
    .map((candidate) => {
      const normalised = normalise(candidate);
      const contains =
        normalised.length > 0 &&
        (normalised.includes(target) || target.includes(normalised));
      return {
        candidate,
        distance: contains ? 0 : editDistance(target, normalised),
      };
    })
    .filter(({ distance }) => distance <= maximum)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

function normalise(value: string): string {
  return value.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(
        Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
