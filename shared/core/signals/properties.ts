import type { ClientConfig } from '#shared/core/config/client.ts';
import type { ContentItem } from '#shared/core/config/content.ts';
import type { InteractionKind } from '#shared/core/config/scoring.ts';
import type { InteractionEvent } from '#shared/core/contact.ts';
import { normalizeText } from '#shared/core/scoring/text.ts';

/** HubSpot contact properties whose changes Nurture turns into interactions. */
export const SIGNAL_PROPERTIES = [
  'hs_analytics_num_visits',
  'hs_analytics_num_page_views',
  'num_conversion_events',
  'hs_email_open',
  'hs_email_click',
  'hs_analytics_last_url',
  'recent_conversion_event_name',
  'hs_email_optout',
  'hs_email_hard_bounce_reason_enum',
] as const;
export type SignalProperty = (typeof SIGNAL_PROPERTIES)[number];

/** The config parts that decide what a signal means. */
export type SignalConfig = Pick<ClientConfig, 'engagement' | 'content'>;

/** An interaction without the fields that come from the observation. */
export type MarkerInteraction = Omit<
  InteractionEvent,
  'id' | 'occurredAt' | 'quantity'
>;

/**
 * A counter counts up, and each increase is that many interactions of one
 * kind. A marker contains a latest value, and each change to a new value is
 * read as at most one interaction.
 */
export type SignalDefinition =
  | { type: 'counter'; kind: InteractionKind }
  | {
      type: 'marker';
      read: (
        config: SignalConfig,
        value: string,
      ) => MarkerInteraction | undefined;
    };

interface UrlNeedle {
  id: string;
  needle: string;
}

interface SignalLookups {
  keyPages: UrlNeedle[];
  contentUrls: UrlNeedle[];
  contentByForm: Map<string, ContentItem>;
  contactRequestForms: Set<string>;
}

const DEFINITIONS: Record<SignalProperty, SignalDefinition> = {
  hs_analytics_num_visits: { type: 'counter', kind: 'visit' },
  hs_analytics_num_page_views: { type: 'counter', kind: 'pageView' },
  num_conversion_events: { type: 'counter', kind: 'formSubmission' },
  hs_email_open: { type: 'counter', kind: 'emailOpen' },
  hs_email_click: { type: 'counter', kind: 'emailClick' },
  hs_analytics_last_url: { type: 'marker', read: readPageUrl },
  recent_conversion_event_name: { type: 'marker', read: readConversion },
  hs_email_optout: {
    type: 'marker',
    read: (_config, value) =>
      value === 'true' ? { kind: 'unsubscribe' } : undefined,
  },
  hs_email_hard_bounce_reason_enum: {
    type: 'marker',
    read: () => ({ kind: 'hardBounce' }),
  },
};
const SIGNAL_PROPERTY_SET = new Set<string>(SIGNAL_PROPERTIES);
const lookupsByConfig = new WeakMap<SignalConfig, SignalLookups>();

/** Tells whether a property is one of `SIGNAL_PROPERTIES`. */
export function isSignalProperty(name: string): name is SignalProperty {
  return SIGNAL_PROPERTY_SET.has(name);
}

/** Returns how a signal property is read, or undefined for other properties. */
export function signalDefinitionOf(
  property: string,
): SignalDefinition | undefined {
  return isSignalProperty(property) ? DEFINITIONS[property] : undefined;
}

// The page in the URL: a key page (its points and decision signal) wins over
// a content item, and the longest matching `urlContains` or `url` wins.
function readPageUrl(
  config: SignalConfig,
  url: string,
): MarkerInteraction | undefined {
  const lookups = lookupsOf(config);
  const page = longestMatch(lookups.keyPages, url);
  const contentId = longestMatch(lookups.contentUrls, url);
  if (page !== undefined) {
    return contentId === undefined
      ? { kind: 'keyPageView', page }
      : { kind: 'keyPageView', page, contentId };
  }
  if (contentId === undefined) return undefined;
  // The page-view counter already scored this view.
  return { kind: 'pageView', contentId, countedByCounter: true };
}

// The form just submitted: a contact request, a gated download, or another
// content form, whose points the conversion counter already gave.
function readConversion(
  config: SignalConfig,
  formName: string,
): MarkerInteraction | undefined {
  const lookups = lookupsOf(config);
  const item = lookups.contentByForm.get(formName);
  const content = item === undefined ? {} : { contentId: item.id };
  if (lookups.contactRequestForms.has(formName)) {
    return { kind: 'contactRequest', ...content };
  }
  if (item === undefined) return undefined;
  if (item.gated) return { kind: 'download', contentId: item.id };
  return { kind: 'formSubmission', contentId: item.id, countedByCounter: true };
}

function longestMatch(
  needles: readonly UrlNeedle[],
  url: string,
): string | undefined {
  for (const { id, needle } of needles) if (url.includes(needle)) return id;
  return undefined;
}

function lookupsOf(config: SignalConfig): SignalLookups {
  let lookups = lookupsByConfig.get(config);
  if (lookups === undefined) {
    const contentUrls: UrlNeedle[] = [];
    const contentByForm = new Map<string, ContentItem>();
    for (const item of config.content) {
      if (item.url !== undefined) {
        contentUrls.push({ id: item.id, needle: normalizeText(item.url) });
      }
      const form = item.formName && normalizeText(item.formName);
      if (form && !contentByForm.has(form)) contentByForm.set(form, item);
    }
    lookups = {
      keyPages: longestFirst(
        config.engagement.keyPages.map((page) => ({
          id: page.id,
          needle: normalizeText(page.urlContains),
        })),
      ),
      contentUrls: longestFirst(contentUrls),
      contentByForm,
      contactRequestForms: new Set(
        config.engagement.contactRequestForms.map(normalizeText),
      ),
    };
    lookupsByConfig.set(config, lookups);
  }
  return lookups;
}

// Stable sort, so equal lengths keep config order.
function longestFirst(needles: UrlNeedle[]): UrlNeedle[] {
  return needles.sort((a, b) => b.needle.length - a.needle.length);
}
