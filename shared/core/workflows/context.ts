import type { ClientConfig } from '../config/client.ts';

/** Inputs of the engine besides the workflow, the enrollment and the contact. */
export interface WorkflowContext {
  config: ClientConfig;
  /**
   * Returns the next position, 0 to `size - 1`, of the round-robin rotation
   * named `pool`. The tick backs it with a stored counter, the dry run with
   * {@link createRoundRobin}.
   */
  nextRoundRobin(pool: string, size: number): number;
}

/** Creates an in-memory round-robin rotation per pool, starting at position 0. */
export function createRoundRobin(): WorkflowContext['nextRoundRobin'] {
  const counters = new Map<string, number>();
  return (pool, size) => {
    const count = counters.get(pool) ?? 0;
    counters.set(pool, count + 1);
    return count % size;
  };
}
