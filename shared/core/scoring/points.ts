/**
 * Rounds points to one decimal, so live scoring and a replay at the same
 * instant write identical numbers. Never returns -0.
 */
export function roundPoints(points: number): number {
  const rounded = Math.round(points * 10) / 10;
  return rounded === 0 ? 0 : rounded;
}

/** Formats points with an explicit sign, for example `+20`, `-30` or `+6.2`. */
export function formatSignedPoints(points: number): string {
  return points < 0 ? String(points) : `+${points}`;
}
