import type { ContentItem } from '#shared/core/config/content.ts';
import type { Persona, Personas } from '#shared/core/config/personas.ts';
import type { Engagement, KeyPage } from '#shared/core/config/scoring.ts';

// Lookups by id, built once per config object. Configs are treated as
// immutable: a changed list needs a new object (numbers are read live).
const keyPageMaps = new WeakMap<Engagement, Map<string, KeyPage>>();
const contentMaps = new WeakMap<
  readonly ContentItem[],
  Map<string, ContentItem>
>();
const personaMaps = new WeakMap<Personas, Map<string, Persona>>();

/** Returns the key pages of an engagement config by id. */
export function keyPagesById(engagement: Engagement): Map<string, KeyPage> {
  return cached(keyPageMaps, engagement, () => byId(engagement.keyPages));
}

/** Returns the content map's items by id. */
export function contentById(
  items: readonly ContentItem[],
): Map<string, ContentItem> {
  return cached(contentMaps, items, () => byId(items));
}

/** Returns the personas by id. */
export function personasById(personas: Personas): Map<string, Persona> {
  return cached(personaMaps, personas, () => byId(personas.items));
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

function cached<K extends object, V>(
  cache: WeakMap<K, V>,
  key: K,
  build: () => V,
): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}
