import type { WorkflowAction } from '#shared/core/workflows/actions.ts';

/** Counts per workflow version, gathered during a tick and added to the stored counters at its end. */
export class ReportCounts {
  readonly byVersion = new Map<
    string,
    { workflowId: string; version: number; counts: Record<string, number> }
  >();

  add(workflowId: string, version: number, name: string, amount = 1): void {
    const key = `${workflowId}#${version}`;
    let row = this.byVersion.get(key);
    if (row === undefined) {
      row = { workflowId, version, counts: {} };
      this.byVersion.set(key, row);
    }
    row.counts[name] = (row.counts[name] ?? 0) + amount;
  }

  /** Counts the reported-only actions: skips, suppressions and ends. */
  addReported(action: WorkflowAction): void {
    const { workflowId, version } = action;
    switch (action.type) {
      case 'emailSkipped':
        this.add(workflowId, version, 'emailsSkipped');
        break;
      case 'emailSuppressed':
        this.add(workflowId, version, 'emailsSuppressed');
        this.add(workflowId, version, `emailsSuppressed:${action.reason}`);
        break;
      case 'emailDeferred':
        this.add(workflowId, version, `emailsDeferred:${action.reason}`);
        break;
      case 'enrollmentEnded':
        this.add(workflowId, version, action.status);
        this.add(workflowId, version, `ended:${action.reason}`);
        break;
      default:
        break;
    }
  }

  total(name: string): number {
    let sum = 0;
    for (const row of this.byVersion.values()) sum += row.counts[name] ?? 0;
    return sum;
  }
}
