import { wallTimeAt } from '../../schedule/zoned-time.ts';
import { DAY_MS } from '../durations.ts';
import type { PlanEntry, SimulationResult } from './run.ts';

/** Counts of one workflow version's actions during the dry run. */
export interface VersionSummary {
  workflowId: string;
  version: number;
  enrolled: number;
  completed: number;
  exited: number;
  stopped: number;
  exitsByGoal: Record<string, number>;
  emailsSent: number;
  emailsSkipped: number;
  emailsSuppressed: number;
  suppressedByReason: Record<string, number>;
  emailsDeferred: number;
  ownersAssigned: number;
  /** Contacts handed over to another workflow. */
  handedOver: number;
}

/** Counts of one day's actions in the dry run, dated in the client's time zone. */
export interface DaySummary {
  /** Days since the start, from 0. */
  day: number;
  /** Local date, YYYY-MM-DD. */
  date: string;
  enrolled: number;
  emailsSent: number;
  emailsSkipped: number;
  emailsSuppressed: number;
  ownersAssigned: number;
  handedOver: number;
}

export interface SimulationSummary {
  days: DaySummary[];
  versions: VersionSummary[];
  /** Triggers and hand-overs that enrolled no one, by reason. */
  enrollmentsSkipped: Record<string, number>;
}

/** Counts the dry run's plan per day and per workflow version. */
export function summarizeSimulation(
  result: SimulationResult,
  timeZone: string,
): SimulationSummary {
  const days = new Map<number, DaySummary>();
  const versions = new Map<string, VersionSummary>();
  const enrollmentsSkipped: Record<string, number> = {};

  for (const entry of result.plan) {
    if (entry.type === 'enrollmentSkipped') {
      increment(enrollmentsSkipped, entry.reason);
      continue;
    }
    const dayIndex = Math.floor((entry.at - result.start) / DAY_MS);
    let day = days.get(dayIndex);
    if (day === undefined) {
      day = emptyDay(dayIndex, localDate(entry.at, timeZone));
      days.set(dayIndex, day);
    }
    const { workflowId, version } =
      entry.type === 'enrolled' ? entry.enrollment : entry;
    const key = `${workflowId}@${version}`;
    let summary = versions.get(key);
    if (summary === undefined) {
      summary = emptyVersion(workflowId, version);
      versions.set(key, summary);
    }
    count(entry, day, summary);
  }

  return {
    days: [...days.values()].sort((a, b) => a.day - b.day),
    versions: [...versions.values()].sort((a, b) =>
      a.workflowId === b.workflowId
        ? a.version - b.version
        : a.workflowId < b.workflowId
          ? -1
          : 1,
    ),
    enrollmentsSkipped,
  };
}

function count(
  entry: PlanEntry,
  day: DaySummary,
  summary: VersionSummary,
): void {
  switch (entry.type) {
    case 'enrolled':
      day.enrolled++;
      summary.enrolled++;
      return;
    case 'sendEmail':
      day.emailsSent++;
      summary.emailsSent++;
      return;
    case 'emailSkipped':
      day.emailsSkipped++;
      summary.emailsSkipped++;
      return;
    case 'emailSuppressed':
      day.emailsSuppressed++;
      summary.emailsSuppressed++;
      increment(summary.suppressedByReason, entry.reason);
      return;
    case 'emailDeferred':
      summary.emailsDeferred++;
      return;
    case 'assignOwner':
      day.ownersAssigned++;
      summary.ownersAssigned++;
      return;
    case 'enroll':
      day.handedOver++;
      summary.handedOver++;
      return;
    case 'enrollmentEnded':
      if (entry.status === 'completed') summary.completed++;
      if (entry.status === 'stopped') summary.stopped++;
      if (entry.status === 'exited') {
        summary.exited++;
        increment(summary.exitsByGoal, entry.goalId ?? 'unknown');
      }
      return;
    case 'setProperty':
      return;
  }
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function emptyDay(day: number, date: string): DaySummary {
  return {
    day,
    date,
    enrolled: 0,
    emailsSent: 0,
    emailsSkipped: 0,
    emailsSuppressed: 0,
    ownersAssigned: 0,
    handedOver: 0,
  };
}

function emptyVersion(workflowId: string, version: number): VersionSummary {
  return {
    workflowId,
    version,
    enrolled: 0,
    completed: 0,
    exited: 0,
    stopped: 0,
    exitsByGoal: {},
    emailsSent: 0,
    emailsSkipped: 0,
    emailsSuppressed: 0,
    suppressedByReason: {},
    emailsDeferred: 0,
    ownersAssigned: 0,
    handedOver: 0,
  };
}

/** Returns the local date of an instant as YYYY-MM-DD. */
export function localDate(at: number, timeZone: string): string {
  const wall = wallTimeAt(at, timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}
