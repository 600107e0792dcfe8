import { JOURNEY_STAGES } from '#shared/core/config/content.ts';
import { QUALIFICATIONS } from '#shared/core/contact.ts';

/** The contact property group that contains every property Nurture writes. */
export const NURTURE_PROPERTY_GROUP = {
  name: 'nurture',
  label: 'Nurture',
  displayOrder: -1,
} as const;

/** Names of the contact properties Nurture creates and writes. */
export const NURTURE_PROPERTY_NAMES = {
  score: 'nurture_score',
  fitScore: 'nurture_fit_score',
  engagementScore: 'nurture_engagement_score',
  qualification: 'nurture_qualification',
  persona: 'nurture_persona',
  journeyStage: 'nurture_journey_stage',
  lastScoreReason: 'nurture_last_score_reason',
  lastScoredAt: 'nurture_last_scored_at',
  unknownFitFields: 'nurture_unknown_fit_fields',
} as const;

export type NurturePropertyName =
  (typeof NURTURE_PROPERTY_NAMES)[keyof typeof NURTURE_PROPERTY_NAMES];

/** A property to create, in the shape of HubSpot's `PropertyCreate`. */
export interface NurturePropertyDefinition {
  name: NurturePropertyName;
  label: string;
  description: string;
  type: 'number' | 'enumeration' | 'string' | 'datetime';
  fieldType: 'number' | 'select' | 'text' | 'textarea' | 'date';
  options?: {
    label: string;
    value: string;
    displayOrder: number;
    hidden: boolean;
  }[];
}

function optionsOf(values: readonly string[], labels: Record<string, string>) {
  return values.map((value, index) => ({
    label: labels[value] ?? value,
    value,
    displayOrder: index,
    hidden: false,
  }));
}

/** Every property Nurture owns, in the order HubSpot users see them in the group. */
export const NURTURE_PROPERTIES: readonly NurturePropertyDefinition[] = [
  {
    name: NURTURE_PROPERTY_NAMES.score,
    label: 'Nurture score',
    description:
      'Fit score plus engagement score, as Nurture last computed it.',
    type: 'number',
    fieldType: 'number',
  },
  {
    name: NURTURE_PROPERTY_NAMES.fitScore,
    label: 'Nurture fit score',
    description:
      'Points for how well the contact matches the validation criteria.',
    type: 'number',
    fieldType: 'number',
  },
  {
    name: NURTURE_PROPERTY_NAMES.engagementScore,
    label: 'Nurture engagement score',
    description:
      'Points for interactions (visits, downloads, forms, email), after decay.',
    type: 'number',
    fieldType: 'number',
  },
  {
    name: NURTURE_PROPERTY_NAMES.qualification,
    label: 'Nurture qualification',
    description:
      'Lead, marketing qualified lead (fits) or sales qualified lead (fits and engaged).',
    type: 'enumeration',
    fieldType: 'select',
    options: optionsOf(QUALIFICATIONS, {
      lead: 'Lead',
      mql: 'MQL',
      sql: 'SQL',
    }),
  },
  {
    name: NURTURE_PROPERTY_NAMES.persona,
    label: 'Nurture persona',
    description: 'The buyer persona id from the client configuration.',
    type: 'string',
    fieldType: 'text',
  },
  {
    name: NURTURE_PROPERTY_NAMES.journeyStage,
    label: 'Nurture journey stage',
    description:
      'Buyer-journey stage the contact shows: awareness, consideration or decision.',
    type: 'enumeration',
    fieldType: 'select',
    options: optionsOf(JOURNEY_STAGES, {
      awareness: 'Awareness',
      consideration: 'Consideration',
      decision: 'Decision',
    }),
  },
  {
    name: NURTURE_PROPERTY_NAMES.lastScoreReason,
    label: 'Nurture last score reason',
    description: 'Why the score last changed, in one line.',
    type: 'string',
    fieldType: 'textarea',
  },
  {
    name: NURTURE_PROPERTY_NAMES.lastScoredAt,
    label: 'Nurture last scored at',
    description: 'When Nurture last changed the score.',
    type: 'datetime',
    fieldType: 'date',
  },
  {
    name: NURTURE_PROPERTY_NAMES.unknownFitFields,
    label: 'Nurture unknown fit fields',
    description:
      'Fit properties without a value, separated by ";": the questions to ask next.',
    type: 'string',
    fieldType: 'text',
  },
];
