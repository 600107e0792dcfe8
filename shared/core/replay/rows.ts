import type { InteractionEvent } from '../contact.ts';
import { ReplayError } from './errors.ts';
import { lookUp, synthesiseEvents } from './events.ts';
import type { ReplayMapping } from './mapping.ts';

/** One CSV row, keyed by header name. */
export type CsvRow = Readonly<Record<string, string | undefined>>;

/** A contact rebuilt from one CSV row, ready to score. */
export interface ReplayContact {
  id: string;
  properties: Record<string, string | null>;
  interactions: InteractionEvent[];
  channel: string;
  /** The row's outcome; undefined when the mapping has no outcome or the cell is unknown. */
  outcome?: boolean;
  /** Sales-feedback column to value; reported, never scored. */
  salesFeedback?: Record<string, string | null>;
}

/** The channel of a contact whose channel cell is empty or a placeholder. */
export const UNKNOWN_CHANNEL = 'unknown';

/**
 * Turns CSV rows into contacts with properties, synthesised interactions,
 * channel, outcome and sales feedback. `now` (milliseconds since the epoch)
 * is the end of the period the events are spread over.
 */
export function rowsToContacts(
  mapping: ReplayMapping,
  rows: Iterable<CsvRow>,
  now: number,
): ReplayContact[] {
  const unknown = new Set(
    mapping.unknownValues.map((value) => value.trim().toLowerCase()),
  );
  const seen = new Set<string>();
  const contacts: ReplayContact[] = [];
  let rowNumber = 0;
  for (const row of rows) {
    rowNumber += 1;
    const reader = new CellReader(row, unknown, rowNumber);
    const contact = rowToContact(mapping, reader, now);
    if (seen.has(contact.id)) {
      throw new ReplayError(
        `Data row ${rowNumber} repeats id "${contact.id}" of column "${mapping.id}"; every row needs a unique id.`,
      );
    }
    seen.add(contact.id);
    contacts.push(contact);
  }
  return contacts;
}

function rowToContact(
  mapping: ReplayMapping,
  reader: CellReader,
  now: number,
): ReplayContact {
  const id = reader.text(mapping.id);
  if (id === null) {
    throw new ReplayError(
      `Data row ${reader.rowNumber} has no id in column "${mapping.id}"; every row needs one.`,
    );
  }

  const properties: Record<string, string | null> = {};
  for (const [column, property] of Object.entries(mapping.properties)) {
    properties[property] = reader.text(column);
  }

  const interactions = mapping.events.flatMap((event, mappingIndex) =>
    synthesiseEvents({
      rowId: id,
      mappingIndex,
      mapping: event,
      value:
        event.from === 'category'
          ? reader.text(event.column)
          : reader.number(event.column),
      multiplier:
        event.from === 'count' && event.multiplyBy !== undefined
          ? reader.number(event.multiplyBy)
          : undefined,
      periodDays: mapping.periodDays,
      now,
    }),
  );

  const rawChannel = reader.text(mapping.channel.column);
  const channel =
    rawChannel === null
      ? UNKNOWN_CHANNEL
      : (lookUp(mapping.channel.aliases, rawChannel) ?? rawChannel);

  const contact: ReplayContact = { id, properties, interactions, channel };
  if (mapping.outcome !== undefined) {
    const outcome = readOutcome(mapping.outcome, reader);
    if (outcome !== undefined) contact.outcome = outcome;
  }
  if (mapping.salesFeedback.length > 0) {
    contact.salesFeedback = Object.fromEntries(
      mapping.salesFeedback.map((column) => [column, reader.text(column)]),
    );
  }
  return contact;
}

function readOutcome(
  outcome: NonNullable<ReplayMapping['outcome']>,
  reader: CellReader,
): boolean | undefined {
  const value = reader.text(outcome.column);
  if (value === null) return undefined;
  if (includesValue(outcome.positiveValues, value)) return true;
  if (outcome.negativeValues === undefined) return false;
  if (includesValue(outcome.negativeValues, value)) return false;
  throw new ReplayError(
    `Data row ${reader.rowNumber} has outcome "${value}" in column "${outcome.column}", which is in neither positiveValues nor negativeValues; add it to one of them.`,
  );
}

function includesValue(values: readonly string[], value: string): boolean {
  const target = value.toLowerCase();
  return values.some((candidate) => candidate.trim().toLowerCase() === target);
}

/** Reads cells of one row, turning empty cells and placeholders into null. */
class CellReader {
  constructor(
    private readonly row: CsvRow,
    private readonly unknown: ReadonlySet<string>,
    /** 1-based index among the data rows, header not counted. */
    readonly rowNumber: number,
  ) {}

  text(column: string): string | null {
    const value = this.row[column]?.trim() ?? '';
    if (value === '' || this.unknown.has(value.toLowerCase())) return null;
    return value;
  }

  number(column: string): number | null {
    const value = this.text(column);
    if (value === null) return null;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) {
      throw new ReplayError(
        `Data row ${this.rowNumber} has "${value}" in column "${column}", which is not a number of 0 or more; fix the cell or map the column as a category.`,
      );
    }
    return parsed;
  }
}
