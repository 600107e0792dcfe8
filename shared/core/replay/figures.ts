import type { Score } from '../contact.ts';
import { rocAuc } from '../metrics/auc.ts';
import { channelTable, type ChannelFigures } from '../metrics/channels.ts';
import {
  classificationFigures,
  confusionMatrix,
  type ClassificationFigures,
} from '../metrics/classification.ts';
import type { ReplayContact } from './rows.ts';

/** SQL counts for one value of a sales-feedback column. */
export interface FeedbackValueFigures {
  /** The column value; null when Sales left it empty. */
  value: string | null;
  contacts: number;
  sql: number;
  /** Share of this value's contacts that are SQLs. */
  sqlRate: number;
  /** Share of all SQLs that have this value. */
  shareOfSqls: number | null;
}

/** Quality figures of a replay; outcome figures are null when no contact has an outcome. */
export interface ReplayFigures extends ClassificationFigures {
  contacts: number;
  /** Contacts that reached MQL, including those that went on to SQL. */
  mql: number;
  sql: number;
  withOutcome: number;
  /** ROC AUC of the total score against the outcome. */
  auc: number | null;
  perChannel: Record<string, ChannelFigures>;
  /** Per sales-feedback column, its values sorted by contacts. Reported only: never scored. */
  salesFeedback: Record<string, FeedbackValueFigures[]>;
}

/**
 * Computes the replay's quality figures: funnel counts, the per-channel
 * table and the SQL counts per value of each sales-feedback column. Over
 * the contacts with an outcome, it adds the ROC AUC of the total score and
 * the precision, recall, F1 and accuracy of "SQL" against the outcome.
 */
export function replayFigures(
  contacts: readonly ReplayContact[],
  scores: readonly Score[],
): ReplayFigures {
  if (contacts.length !== scores.length) {
    throw new RangeError(
      `replayFigures needs one score per contact; got ${contacts.length} contacts and ${scores.length} scores`,
    );
  }
  const isSql = scores.map((score) => score.qualification === 'sql');
  const labelled = contacts.flatMap((contact, index) =>
    contact.outcome === undefined ? [] : [index],
  );
  const outcomes = labelled.map((index) => contacts[index]!.outcome!);

  return {
    contacts: contacts.length,
    mql: scores.filter((score) => score.qualification !== 'lead').length,
    sql: isSql.filter(Boolean).length,
    withOutcome: labelled.length,
    auc:
      labelled.length === 0
        ? null
        : rocAuc(
            labelled.map((index) => scores[index]!.total),
            outcomes,
          ),
    ...classificationFigures(
      confusionMatrix(
        labelled.map((index) => isSql[index]!),
        outcomes,
      ),
    ),
    perChannel: channelTable(
      contacts.map((contact, index) => ({
        channel: contact.channel,
        qualification: scores[index]!.qualification,
        outcome: contact.outcome,
      })),
    ),
    salesFeedback: feedbackFigures(contacts, isSql),
  };
}

function feedbackFigures(
  contacts: readonly ReplayContact[],
  isSql: readonly boolean[],
): Record<string, FeedbackValueFigures[]> {
  const totalSql = isSql.filter(Boolean).length;
  const counts = new Map<string, Map<string | null, [number, number]>>();
  contacts.forEach((contact, index) => {
    for (const [column, value] of Object.entries(contact.salesFeedback ?? {})) {
      let values = counts.get(column);
      if (values === undefined) {
        values = new Map();
        counts.set(column, values);
      }
      const count = values.get(value) ?? [0, 0];
      count[0] += 1;
      if (isSql[index]) count[1] += 1;
      values.set(value, count);
    }
  });

  const result: Record<string, FeedbackValueFigures[]> = {};
  for (const [column, values] of counts) {
    result[column] = [...values]
      .map(([value, [contactCount, sql]]) => ({
        value,
        contacts: contactCount,
        sql,
        sqlRate: sql / contactCount,
        shareOfSqls: totalSql === 0 ? null : sql / totalSql,
      }))
      .sort(
        (a, b) =>
          b.contacts - a.contacts ||
          String(a.value).localeCompare(String(b.value)),
      );
  }
  return result;
}
