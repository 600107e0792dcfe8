/**
 * Computes the ROC AUC of scores against outcomes: the probability that a
 * random positive scores above a random negative, with ties counting half
 * (the Mann-Whitney U statistic divided by positives times negatives).
 * Returns null when the outcomes hold only one class, because the AUC is
 * undefined there.
 */
export function rocAuc(
  scores: readonly number[],
  outcomes: readonly boolean[],
): number | null {
  if (scores.length !== outcomes.length) {
    throw new RangeError(
      `rocAuc needs one outcome per score; got ${scores.length} scores and ${outcomes.length} outcomes`,
    );
  }
  const order = scores.map((_, index) => index);
  order.sort((a, b) => scores[a]! - scores[b]!);

  let positives = 0;
  let positiveRankSum = 0;
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (
      end + 1 < order.length &&
      scores[order[end + 1]!] === scores[order[start]!]
    ) {
      end += 1;
    }
    // Tied scores share the mean of their 1-based ranks.
    const meanRank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position += 1) {
      if (outcomes[order[position]!]) {
        positives += 1;
        positiveRankSum += meanRank;
      }
    }
    start = end + 1;
  }

  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}
