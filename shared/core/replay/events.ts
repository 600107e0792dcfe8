import type { InteractionEvent } from '../contact.ts';
import type { EventMapping } from './mapping.ts';

const DAY_MS = 86_400_000;

/** Inputs for synthesising one row's events from one event mapping. */
export interface EventSource {
  rowId: string;
  /** Index of the event mapping, which keeps event ids unique per row. */
  mappingIndex: number;
  mapping: EventMapping;
  /** The row's value for `mapping.column`, already parsed for count and amount mappings. */
  value: number | string | null;
  /** The row's value for `multiplyBy` of a count mapping. */
  multiplier?: number | null;
  periodDays: number;
  now: number;
}

/**
 * Synthesises the interaction events that one cell represents. Count events are
 * spaced evenly over the period that ends at `now`, shifted by a phase
 * derived from the row id, so the same row always gets the same times.
 */
export function synthesiseEvents(source: EventSource): InteractionEvent[] {
  const { mapping } = source;
  if (mapping.from === 'count') return countEvents(source, mapping);
  if (mapping.from === 'amount') {
    const value = source.value as number | null;
    if (value === null || value <= 0) return [];
    return [
      {
        id: eventId(source, 0),
        kind: mapping.kind,
        occurredAt: source.now - Math.round(mapping.daysBeforeNow * DAY_MS),
        quantity: value * mapping.scale,
      },
    ];
  }
  const value = source.value as string | null;
  if (value === null) return [];
  const kind = lookUp(mapping.kinds, value);
  if (kind === undefined) return [];
  const event: InteractionEvent = {
    id: eventId(source, 0),
    kind,
    occurredAt: source.now - Math.round(mapping.daysBeforeNow * DAY_MS),
    quantity: 1,
  };
  if (mapping.contentId !== undefined) event.contentId = mapping.contentId;
  return [event];
}

function countEvents(
  source: EventSource,
  mapping: Extract<EventMapping, { from: 'count' }>,
): InteractionEvent[] {
  const value = source.value as number | null;
  const multiplier = mapping.multiplyBy === undefined ? 1 : source.multiplier;
  if (value === null || multiplier === null || multiplier === undefined) {
    return [];
  }
  const total = Math.round(value * multiplier);
  if (total <= 0) return [];

  const count = Math.min(total, mapping.maxEvents);
  const base = Math.floor(total / count);
  const remainder = total % count;
  const phase = unitHash(`${source.rowId}\u0000${mapping.column}`);
  const periodMs = source.periodDays * DAY_MS;
  const events: InteractionEvent[] = [];
  for (let index = 0; index < count; index += 1) {
    events.push({
      id: eventId(source, index),
      kind: mapping.kind,
      occurredAt: source.now - Math.round((periodMs * (index + phase)) / count),
      quantity: base + (index < remainder ? 1 : 0),
    });
  }
  return events;
}

/** Finds a value in a record keyed by column values, ignoring case and surrounding spaces. */
export function lookUp<T>(
  table: Readonly<Record<string, T>>,
  value: string,
): T | undefined {
  const target = value.trim().toLowerCase();
  for (const [key, result] of Object.entries(table)) {
    if (key.trim().toLowerCase() === target) return result;
  }
  return undefined;
}

function eventId(source: EventSource, index: number): string {
  return `${source.rowId}:${source.mappingIndex}:${index}`;
}

/** Maps a string to [0, 1) with 32-bit FNV-1a; stable across runs and platforms. */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}
