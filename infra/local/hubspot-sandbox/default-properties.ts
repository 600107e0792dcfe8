import { DEFAULT_LIFECYCLE_STAGES } from '#shared/hubspot/lifecycle.ts';
import type { PropertyOption, PropertySeed } from './properties-store.ts';

const ANALYTICS_SOURCES = [
  'ORGANIC_SEARCH',
  'PAID_SEARCH',
  'EMAIL_MARKETING',
  'SOCIAL_MEDIA',
  'REFERRALS',
  'OTHER_CAMPAIGNS',
  'DIRECT_TRAFFIC',
  'OFFLINE',
  'PAID_SOCIAL',
];

const EMPLOYEE_RANGES = [
  '1-5',
  '5-25',
  '25-50',
  '50-100',
  '100-500',
  '500-1000',
  '1000+',
];

/** Options whose value is also the label, in the given order. */
export function optionsOf(values: readonly string[]): PropertyOption[] {
  return values.map((value, index) => ({
    value,
    label: value,
    displayOrder: index,
    hidden: false,
  }));
}

const readOnly = { readOnlyValue: true };

/**
 * HubSpot-defined contact properties the sandbox starts with: identity and company fields for
 * fit criteria, lifecycle stage, owner, and the calculated engagement counters. API writes may
 * not set the counters. Only the control API, which stands in for HubSpot itself, sets them.
 */
export const DEFAULT_CONTACT_PROPERTIES: PropertySeed[] = [
  { name: 'email', type: 'string', fieldType: 'text' },
  { name: 'firstname', type: 'string', fieldType: 'text' },
  { name: 'lastname', type: 'string', fieldType: 'text' },
  { name: 'phone', type: 'string', fieldType: 'phonenumber' },
  { name: 'company', type: 'string', fieldType: 'text' },
  { name: 'website', type: 'string', fieldType: 'text' },
  { name: 'jobtitle', type: 'string', fieldType: 'text' },
  { name: 'job_function', type: 'string', fieldType: 'text' },
  { name: 'industry', type: 'string', fieldType: 'text' },
  { name: 'city', type: 'string', fieldType: 'text' },
  { name: 'state', type: 'string', fieldType: 'text' },
  { name: 'country', type: 'string', fieldType: 'text' },
  {
    name: 'numemployees',
    type: 'enumeration',
    fieldType: 'select',
    options: optionsOf(EMPLOYEE_RANGES),
  },
  {
    name: 'lifecyclestage',
    type: 'enumeration',
    fieldType: 'radio',
    options: optionsOf(DEFAULT_LIFECYCLE_STAGES),
  },
  {
    name: 'hs_lead_status',
    type: 'enumeration',
    fieldType: 'radio',
    options: optionsOf([
      'NEW',
      'OPEN',
      'IN_PROGRESS',
      'OPEN_DEAL',
      'UNQUALIFIED',
      'ATTEMPTED_TO_CONTACT',
      'CONNECTED',
      'BAD_TIMING',
    ]),
  },
  {
    name: 'hubspot_owner_id',
    type: 'enumeration',
    fieldType: 'select',
    externalOptions: true,
  },
  {
    name: 'hs_persona',
    type: 'enumeration',
    fieldType: 'radio',
    options: optionsOf(['persona_1', 'persona_2', 'persona_3']),
  },
  {
    name: 'hs_analytics_source',
    type: 'enumeration',
    fieldType: 'select',
    options: optionsOf(ANALYTICS_SOURCES),
    ...readOnly,
  },
  {
    name: 'hs_analytics_source_data_1',
    type: 'string',
    fieldType: 'text',
    ...readOnly,
  },
  {
    name: 'hs_analytics_source_data_2',
    type: 'string',
    fieldType: 'text',
    ...readOnly,
  },
  {
    name: 'hs_latest_source',
    type: 'enumeration',
    fieldType: 'select',
    options: optionsOf(ANALYTICS_SOURCES),
    ...readOnly,
  },
  {
    name: 'hs_analytics_num_page_views',
    type: 'number',
    fieldType: 'number',
    ...readOnly,
  },
  {
    name: 'hs_analytics_num_visits',
    type: 'number',
    fieldType: 'number',
    ...readOnly,
  },
  {
    name: 'hs_analytics_num_event_completions',
    type: 'number',
    fieldType: 'number',
    ...readOnly,
  },
  {
    name: 'hs_analytics_first_visit_timestamp',
    type: 'datetime',
    fieldType: 'date',
    ...readOnly,
  },
  {
    name: 'hs_analytics_last_visit_timestamp',
    type: 'datetime',
    fieldType: 'date',
    ...readOnly,
  },
  {
    name: 'hs_analytics_first_url',
    type: 'string',
    fieldType: 'text',
    ...readOnly,
  },
  {
    name: 'hs_analytics_last_url',
    type: 'string',
    fieldType: 'text',
    ...readOnly,
  },
  {
    name: 'num_conversion_events',
    type: 'number',
    fieldType: 'number',
    ...readOnly,
  },
  {
    name: 'num_unique_conversion_events',
    type: 'number',
    fieldType: 'number',
    ...readOnly,
  },
  {
    name: 'first_conversion_event_name',
    type: 'string',
    fieldType: 'text',
    ...readOnly,
  },
  {
    name: 'first_conversion_date',
    type: 'datetime',
    fieldType: 'date',
    ...readOnly,
  },
  {
    name: 'recent_conversion_event_name',
    type: 'string',
    fieldType: 'text',
    ...readOnly,
  },
  {
    name: 'recent_conversion_date',
    type: 'datetime',
    fieldType: 'date',
    ...readOnly,
  },
  {
    name: 'hs_email_delivered',
    type: 'number',
    fieldType: 'number',
    ...readOnly,
  },
  { name: 'hs_email_open', type: 'number', fieldType: 'number', ...readOnly },
  { name: 'hs_email_click', type: 'number', fieldType: 'number', ...readOnly },
  { name: 'hs_email_bounce', type: 'number', fieldType: 'number', ...readOnly },
  {
    name: 'hs_email_optout',
    type: 'bool',
    fieldType: 'booleancheckbox',
    ...readOnly,
  },
  {
    name: 'hs_email_last_open_date',
    type: 'datetime',
    fieldType: 'date',
    ...readOnly,
  },
  {
    name: 'hs_email_last_click_date',
    type: 'datetime',
    fieldType: 'date',
    ...readOnly,
  },
  {
    name: 'notes_last_updated',
    type: 'datetime',
    fieldType: 'date',
    ...readOnly,
  },
  {
    name: 'hs_sales_email_last_replied',
    type: 'datetime',
    fieldType: 'date',
    ...readOnly,
  },
  {
    name: 'num_contacted_notes',
    type: 'number',
    fieldType: 'number',
    ...readOnly,
  },
  {
    name: 'hs_merged_object_ids',
    type: 'string',
    fieldType: 'text',
    ...readOnly,
  },
  { name: 'hs_object_id', type: 'number', fieldType: 'number', ...readOnly },
  { name: 'createdate', type: 'datetime', fieldType: 'date', ...readOnly },
  {
    name: 'lastmodifieddate',
    type: 'datetime',
    fieldType: 'date',
    ...readOnly,
  },
];
