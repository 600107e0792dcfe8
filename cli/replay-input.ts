import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { parseClientConfig } from '#shared/core/config/load.ts';
import { checkMappingColumns } from '#shared/core/replay/columns.ts';
import { ReplayError } from '#shared/core/replay/errors.ts';
import { parseReplayMapping } from '#shared/core/replay/load.ts';
import type { ReplayMapping } from '#shared/core/replay/mapping.ts';
import {
  rowsToContacts,
  type CsvRow,
  type ReplayContact,
} from '#shared/core/replay/rows.ts';

/** The files a replay or calibration reads. */
export interface ReplayInputPaths {
  csv: string;
  mapping: string;
  config: string;
}

/** A CSV export turned into contacts, with the mapping and config that go with it. */
export interface ReplayInput {
  mapping: ReplayMapping;
  config: ClientConfig;
  contacts: ReplayContact[];
}

/**
 * Reads the mapping, the client config and the CSV file, checks that every
 * mapped column is in the CSV header, and turns the rows into contacts whose
 * events end at `now`. Throws {@link ReplayError}, `MappingError` or
 * `ConfigError` with a message that names the file and the fix.
 */
export async function loadReplayInput(
  paths: ReplayInputPaths,
  now: number,
): Promise<ReplayInput> {
  const mapping = parseReplayMapping(
    await readJsonFile(paths.mapping, 'mapping'),
    paths.mapping,
  );
  const config = parseClientConfig(
    await readJsonFile(paths.config, 'client config'),
    paths.config,
  );
  const rows = await readCsvRows(paths.csv, (header) =>
    checkMappingColumns(mapping, header, paths.csv),
  );
  return { mapping, config, contacts: rowsToContacts(mapping, rows, now) };
}

/** Reads a CSV file with a header row into one record per row, calling `onHeader` before any row. */
export async function readCsvRows(
  path: string,
  onHeader: (header: string[]) => void = () => {},
): Promise<CsvRow[]> {
  const stats = await stat(path).catch((error: unknown) => {
    throw fileError(path, 'CSV', error);
  });
  if (stats.isDirectory()) {
    throw fileError(
      path,
      'CSV',
      Object.assign(new Error(), { code: 'EISDIR' }),
    );
  }
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      skip_empty_lines: true,
      columns: (header: string[]) => {
        onHeader(header);
        return header;
      },
    }),
  );
  const rows: CsvRow[] = [];
  try {
    for await (const row of parser) rows.push(row as CsvRow);
  } catch (error) {
    if (error instanceof ReplayError) throw error;
    throw new ReplayError(
      `Cannot parse ${path} as CSV: ${(error as CsvError).message}. Check that the file is comma-separated with one header row.`,
    );
  }
  return rows;
}

/** Parses an ISO 8601 time for `--now`, or returns the current time when none is given. */
export function parseNow(value: string | undefined): number {
  if (value === undefined) return Date.now();
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) {
    throw new ReplayError(
      `Invalid --now "${value}"; use an ISO 8601 time such as 2026-01-01T00:00:00Z.`,
    );
  }
  return parsed;
}

async function readJsonFile(path: string, fileKind: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fileError(path, fileKind, error);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReplayError(
      `The ${fileKind} file ${path} is not valid JSON: ${(error as Error).message}.`,
    );
  }
}

function fileError(
  path: string,
  fileKind: string,
  error: unknown,
): ReplayError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'file not found'
      : code === 'EISDIR'
        ? 'it is a folder'
        : (error as Error).message;
  return new ReplayError(
    `Cannot read the ${fileKind} file ${path}: ${reason}. Check the path.`,
  );
}
