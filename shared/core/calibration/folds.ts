import { seededRandom, shuffle } from './random.ts';

/**
 * Splits row indices 0..outcomes.length-1 into `folds` disjoint test folds
 * that together cover every row. The split is stratified: positives and
 * negatives are shuffled apart with the seed and dealt in turn, so each fold
 * has about the same outcome rate. Each fold's indices are sorted.
 */
export function stratifiedFolds(
  outcomes: readonly boolean[],
  folds: number,
  seed: number,
): number[][] {
  if (!Number.isInteger(folds) || folds < 2) {
    throw new RangeError(`folds must be an integer of 2 or more; got ${folds}`);
  }
  if (folds > outcomes.length) {
    throw new RangeError(
      `folds (${folds}) cannot exceed the number of rows (${outcomes.length})`,
    );
  }
  const random = seededRandom(seed);
  const positives: number[] = [];
  const negatives: number[] = [];
  outcomes.forEach((outcome, index) =>
    (outcome ? positives : negatives).push(index),
  );

  const result: number[][] = Array.from({ length: folds }, () => []);
  let next = 0;
  for (const group of [
    shuffle(positives, random),
    shuffle(negatives, random),
  ]) {
    for (const index of group) {
      result[next]!.push(index);
      next = (next + 1) % folds;
    }
  }
  return result.map((fold) => fold.sort((a, b) => a - b));
}

/** Returns the indices 0..size-1 that are not in `fold`, sorted. */
export function trainingIndices(
  size: number,
  fold: readonly number[],
): number[] {
  const heldOut = new Set(fold);
  const training: number[] = [];
  for (let index = 0; index < size; index += 1) {
    if (!heldOut.has(index)) training.push(index);
  }
  return training;
}
