import type { ClientConfig } from '../config/client.ts';
import type { PropertyCondition } from '../config/conditions.ts';
import type { FitCriterion } from '../config/scoring.ts';
import type { ContactSnapshot } from '../contact.ts';
import { parseDecimal } from '../scoring/index.ts';
import { normalizeText } from '../scoring/text.ts';
import { numericTiers, type Tier } from './tiers.ts';

export interface CandidateOptions {
  /** Minimum number of contacts a generated criterion must match to be tried. */
  minSupport: number;
  /** Maximum number of tiers tried per numeric property. */
  tiers: number;
}

/** A config with generated candidate criteria appended to its own. */
export interface ExpandedConfig {
  config: ClientConfig;
  /** Ids of the generated criteria, so unused ones can be left out later. */
  generated: Set<string>;
}

/**
 * Appends candidate fit criteria for the properties the config's criteria
 * already test, so calibration can weigh each value on its own: an
 * `equals` criterion per value of a property tested with `equals` or
 * `oneOf` that no criterion names yet, and `range` tiers of a property
 * tested with `range`, cut at quantiles and at the config's own bounds.
 * Uses the property values only, never the outcome.
 */
export function addCandidateCriteria(
  config: ClientConfig,
  snapshots: readonly ContactSnapshot[],
  options: CandidateOptions,
): ExpandedConfig {
  const ids = new Set(config.fit.criteria.map((criterion) => criterion.id));
  const generated = new Set<string>();
  const added: FitCriterion[] = [];
  const add = (id: string, label: string, when: PropertyCondition) => {
    const unique = uniqueId(id, ids);
    ids.add(unique);
    generated.add(unique);
    added.push({ id: unique, label, when, points: 0, requiredForMql: false });
  };

  for (const [property, named] of categoricalProperties(config)) {
    for (const { value } of frequentValues(snapshots, property, options)) {
      if (named.has(normalizeText(value))) continue;
      add(`${property}-${slug(value)}`, `${property} is "${value}"`, {
        op: 'equals',
        property,
        value,
      });
    }
  }
  for (const [property, bounds] of numericProperties(config)) {
    const values = numericValues(snapshots, property);
    for (const tier of numericTiers(values, bounds, options)) {
      add(tierId(property, tier), tierLabel(property, tier), {
        op: 'range',
        property,
        ...tier,
      });
    }
  }

  return {
    config: {
      ...config,
      fit: { criteria: [...config.fit.criteria, ...added] },
    },
    generated,
  };
}

/** Properties tested with `equals` or `oneOf`, each with the values the criteria name. */
function categoricalProperties(config: ClientConfig): Map<string, Set<string>> {
  const properties = new Map<string, Set<string>>();
  for (const { when } of config.fit.criteria) {
    if (when.op !== 'equals' && when.op !== 'oneOf') continue;
    const named = properties.get(when.property) ?? new Set<string>();
    const values = when.op === 'equals' ? [when.value] : when.values;
    for (const value of values) named.add(normalizeText(value));
    properties.set(when.property, named);
  }
  return properties;
}

/** Properties tested with `range`, each with the bounds the criteria use. */
function numericProperties(
  config: ClientConfig,
): Map<string, { min: number[]; max: number[] }> {
  const properties = new Map<string, { min: number[]; max: number[] }>();
  for (const { when } of config.fit.criteria) {
    if (when.op !== 'range') continue;
    const bounds = properties.get(when.property) ?? { min: [], max: [] };
    if (when.min !== undefined) bounds.min.push(when.min);
    if (when.max !== undefined) bounds.max.push(when.max);
    properties.set(when.property, bounds);
  }
  return properties;
}

/** Values of a property with at least `minSupport` contacts, most common spelling kept, in first-seen order. */
function frequentValues(
  snapshots: readonly ContactSnapshot[],
  property: string,
  options: CandidateOptions,
): { value: string; contacts: number }[] {
  const byValue = new Map<string, Map<string, number>>();
  for (const snapshot of snapshots) {
    const raw = snapshot.properties[property]?.trim();
    if (raw === undefined || raw === '') continue;
    const key = normalizeText(raw);
    const spellings = byValue.get(key) ?? new Map<string, number>();
    spellings.set(raw, (spellings.get(raw) ?? 0) + 1);
    byValue.set(key, spellings);
  }
  const result: { value: string; contacts: number }[] = [];
  for (const spellings of byValue.values()) {
    let contacts = 0;
    let value = '';
    let mostUsed = 0;
    for (const [spelling, count] of spellings) {
      contacts += count;
      if (count > mostUsed) [value, mostUsed] = [spelling, count];
    }
    if (contacts >= options.minSupport) result.push({ value, contacts });
  }
  return result;
}

function numericValues(
  snapshots: readonly ContactSnapshot[],
  property: string,
): number[] {
  return snapshots.flatMap((snapshot) => {
    const raw = snapshot.properties[property];
    const value =
      raw === null || raw === undefined ? undefined : parseDecimal(raw);
    return value === undefined ? [] : [value];
  });
}

function uniqueId(id: string, taken: ReadonlySet<string>): string {
  let candidate = id;
  for (let suffix = 2; taken.has(candidate); suffix += 1) {
    candidate = `${id}-${suffix}`;
  }
  return candidate;
}

// Criterion ids allow lower-case letters, digits, _ and -.
function slug(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned === '' ? 'value' : cleaned;
}

function tierId(property: string, tier: Tier): string {
  const number = (value: number) => String(value).replace(/[^0-9]/g, '_');
  if (tier.min === undefined) return `${property}-up-to-${number(tier.max!)}`;
  if (tier.max === undefined) return `${property}-${number(tier.min)}-plus`;
  return `${property}-${number(tier.min)}-to-${number(tier.max)}`;
}

function tierLabel(property: string, tier: Tier): string {
  if (tier.min === undefined) return `${property} up to ${tier.max}`;
  if (tier.max === undefined) return `${property} ${tier.min} or more`;
  return `${property} ${tier.min} to ${tier.max}`;
}
