/** A clock the local stack can run on wall time or on simulated time for replays. */
export interface LocalClock {
  now(): number;
}

export class SimulatedClock implements LocalClock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  /** Moves the clock to `at`; it never moves backward. */
  advanceTo(at: number): void {
    this.current = Math.max(this.current, at);
  }
}

export const wallClock: LocalClock = { now: () => Date.now() };
