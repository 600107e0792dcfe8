import { z } from 'zod';
import { InteractionKindSchema } from '../config/scoring.ts';

const ColumnSchema = z.string().min(1);

/** A numeric column that becomes that many events, spread over the replay period. */
export const CountEventSchema = z.strictObject({
  from: z.literal('count'),
  column: ColumnSchema,
  kind: InteractionKindSchema,
  /** Another numeric column to multiply by, for a per-visit average such as page views per visit. */
  multiplyBy: ColumnSchema.optional(),
  /**
   * Most events written for one row. A larger count is split over this many
   * events whose quantities add up to the count, so totals stay the same.
   */
  maxEvents: z.number().int().positive().default(100),
});

/** A numeric column that becomes one event whose quantity is the value times `scale`. */
export const AmountEventSchema = z.strictObject({
  from: z.literal('amount'),
  column: ColumnSchema,
  kind: InteractionKindSchema,
  /** Multiplier to the event's unit, for example 1/60 to turn seconds into the minutes of `timeOnSite`. */
  scale: z.number().positive().default(1),
  /** Days before the replay's now at which the event occurs. */
  daysBeforeNow: z.number().min(0).default(0),
});

/** A categorical column whose values each become one event of a kind; other values add none. */
export const CategoryEventSchema = z.strictObject({
  from: z.literal('category'),
  column: ColumnSchema,
  /** Column value (matched ignoring case and surrounding spaces) to interaction kind. */
  kinds: z.record(z.string(), InteractionKindSchema),
  /** Content item id for downloads and content views, from the config's content map. */
  contentId: z.string().min(1).optional(),
  /** Days before the replay's now at which the event occurs. */
  daysBeforeNow: z.number().min(0).default(0),
});

export const EventMappingSchema = z.discriminatedUnion('from', [
  CountEventSchema,
  AmountEventSchema,
  CategoryEventSchema,
]);
export type EventMapping = z.infer<typeof EventMappingSchema>;

const ReplayMappingObjectSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  /** Column whose value identifies a row; every row needs a unique one. */
  id: ColumnSchema,
  /** Cell values that mean "not answered", such as a form's `Select` placeholder; an empty cell always does. */
  unknownValues: z.array(z.string()).default([]),
  /** CSV column to contact property name. */
  properties: z.record(ColumnSchema, z.string().min(1)).default({}),
  events: z.array(EventMappingSchema).default([]),
  /** Days over which count events are spread, ending at the replay's now. */
  periodDays: z.number().positive().default(30),
  channel: z.strictObject({
    column: ColumnSchema,
    /** Raw value (matched ignoring case) to channel name, to merge spellings such as `google` and `Google`. */
    aliases: z.record(z.string(), z.string().min(1)).default({}),
  }),
  outcome: z
    .strictObject({
      column: ColumnSchema,
      /** Values that mean a positive outcome. */
      positiveValues: z.array(z.string()).min(1),
      /** Values that mean a negative outcome; when omitted, every other known value does. */
      negativeValues: z.array(z.string()).optional(),
    })
    .optional(),
  /**
   * Columns Sales writes after contacting the lead. They are reported next
   * to the SQLs and are never score inputs, because they contain the outcome.
   */
  salesFeedback: z.array(ColumnSchema).default([]),
});

/** Replay mapping: which columns of a CSV export become contact properties, interactions, channel and outcome. */
export const ReplayMappingSchema = ReplayMappingObjectSchema.superRefine(
  (mapping, context) => {
    const feedback = new Set(mapping.salesFeedback);
    for (const { path, column, role } of mappedColumns(mapping)) {
      if (role === 'salesFeedback' || !feedback.has(column)) continue;
      context.addIssue({
        code: 'custom',
        path,
        input: column,
        message: `"${column}" is marked as sales feedback, so it cannot be used as ${role}: Sales writes it after contact and it would leak the outcome into the score. Remove it here or from salesFeedback`,
      });
    }
  },
);
export type ReplayMapping = z.infer<typeof ReplayMappingSchema>;
type ReplayMappingObject = z.infer<typeof ReplayMappingObjectSchema>;
export type ReplayMappingInput = z.input<typeof ReplayMappingSchema>;

/** Role of a column in the replay. */
export type ColumnRole =
  'id' | 'property' | 'event' | 'channel' | 'outcome' | 'salesFeedback';

/** A CSV column the mapping reads, with the path in the mapping that names it. */
export interface MappedColumn {
  path: (string | number)[];
  column: string;
  role: ColumnRole;
}

/** Lists every column the mapping reads, sales feedback last. */
export function mappedColumns(mapping: ReplayMappingObject): MappedColumn[] {
  const columns: MappedColumn[] = [
    { path: ['id'], column: mapping.id, role: 'id' },
  ];
  for (const column of Object.keys(mapping.properties)) {
    columns.push({ path: ['properties', column], column, role: 'property' });
  }
  mapping.events.forEach((event, index) => {
    columns.push({
      path: ['events', index, 'column'],
      column: event.column,
      role: 'event',
    });
    if (event.from === 'count' && event.multiplyBy !== undefined) {
      columns.push({
        path: ['events', index, 'multiplyBy'],
        column: event.multiplyBy,
        role: 'event',
      });
    }
  });
  columns.push({
    path: ['channel', 'column'],
    column: mapping.channel.column,
    role: 'channel',
  });
  if (mapping.outcome !== undefined) {
    columns.push({
      path: ['outcome', 'column'],
      column: mapping.outcome.column,
      role: 'outcome',
    });
  }
  mapping.salesFeedback.forEach((column, index) => {
    columns.push({
      path: ['salesFeedback', index],
      column,
      role: 'salesFeedback',
    });
  });
  return columns;
}
