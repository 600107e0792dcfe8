import { mkdir, writeFile } from 'node:fs/promises';
import { SeededRandom } from './random.ts';
import type { DemoScenario, DemoStep } from './scenario.ts';

// Generates events/demo/scenario.json: 240 made-up contacts over 60 simulated days.
// Run: npx tsx infra/local/demo/generate.ts [--seed N]. The same seed gives the same file.

const DAY = 86_400_000;
const CONTACTS = 240;
const DAYS = 60;
const START_AT = Date.UTC(2026, 9, 1, 8, 0, 0);

type PersonaStyle = 'analyst' | 'manager' | 'executive' | 'unanswered';

const ROLE_ANSWERS: Record<PersonaStyle, string | undefined> = {
  analyst: 'I build the reports myself',
  manager: 'I lead a team that needs reports',
  executive: 'I decide on the budget',
  unanswered: undefined,
};

const JOB_TITLES: Record<PersonaStyle, string[]> = {
  analyst: ['Data Analyst', 'BI Analyst', 'Reporting Specialist', 'Student'],
  manager: ['Operations Manager', 'Marketing Manager', 'Head of Finance'],
  executive: ['CFO', 'Managing Director', 'VP Operations'],
  unanswered: ['Sales Director', 'Consultant', 'Student', 'Office Manager'],
};

const CHANNELS = [
  ['ORGANIC_SEARCH', 30],
  ['PAID_SEARCH', 20],
  ['EMAIL_MARKETING', 15],
  ['SOCIAL_MEDIA', 15],
  ['REFERRALS', 10],
  ['DIRECT_TRAFFIC', 10],
] as const;

const INDUSTRIES = [
  ['Software', 35],
  ['Retail', 25],
  ['Logistics', 15],
  ['Education', 15],
  ['Government', 10],
] as const;

const COUNTRIES = [
  ['Netherlands', 35],
  ['Germany', 20],
  ['Belgium', 15],
  ['United Kingdom', 15],
  ['United States', 10],
  ['India', 5],
] as const;

/** Pages a lead can land on, by how far into the buyer journey the lead is. */
const PAGES = {
  awareness: [
    '/blog/reporting-pitfalls',
    '/resources/kpi-checklist',
    '/blog/why-dashboards',
  ],
  consideration: ['/guides/dashboards', '/resources/data-teams', '/features'],
  decision: ['/pricing', '/customers/retailer', '/demo'],
};

const FORMS = {
  awareness: 'KPI checklist download',
  consideration: 'Whitepaper data teams',
  decision: 'Demo request',
};

/** How eager each persona style is: visits per week and the chance to move a stage on. */
const PACE: Record<PersonaStyle, { visitsPerWeek: number; advance: number }> = {
  analyst: { visitsPerWeek: 3, advance: 0.12 },
  manager: { visitsPerWeek: 2, advance: 0.2 },
  executive: { visitsPerWeek: 1, advance: 0.35 },
  unanswered: { visitsPerWeek: 1, advance: 0.1 },
};

interface Counters {
  visits: number;
  pageViews: number;
  conversions: number;
  opens: number;
  clicks: number;
}

export function generateScenario(seed: number): DemoScenario {
  const random = new SeededRandom(seed);
  const steps: DemoStep[] = [];
  for (let index = 1; index <= CONTACTS; index += 1) {
    steps.push(...contactSteps(random, index));
  }
  addLifecycleEvents(random, steps);
  steps.sort((a, b) => a.at - b.at || a.ref.localeCompare(b.ref));
  return {
    seed,
    portalId: 9_100_001,
    startAt: START_AT,
    days: DAYS,
    subscribedProperties: [
      'hs_analytics_num_visits',
      'hs_analytics_num_page_views',
      'hs_analytics_last_url',
      'num_conversion_events',
      'recent_conversion_event_name',
      'hs_email_open',
      'hs_email_click',
      'hs_email_optout',
      'buyer_role',
      'jobtitle',
      'industry',
      'company_size',
      'country',
      'lifecyclestage',
    ],
    steps,
    faults: {
      duplicateBatchRate: 0.08,
      reorderBatchRate: 0.1,
      invalidEvents: invalidEvents(),
    },
  };
}

function contactSteps(random: SeededRandom, index: number): DemoStep[] {
  const ref = `c${String(index).padStart(3, '0')}`;
  const style = random.weighted<PersonaStyle>([
    ['analyst', 30],
    ['manager', 30],
    ['executive', 20],
    ['unanswered', 20],
  ]);
  const createdAt = START_AT + random.integer(0, (DAYS - 5) * 24) * 3_600_000;
  const emailDomain = random.chance(0.03)
    ? 'competitor.example'
    : 'example.com';
  const properties: Record<string, string> = {
    email: `lead-${String(index).padStart(3, '0')}@${emailDomain}`,
    firstname: `Lead ${index}`,
    jobtitle: random.pick(JOB_TITLES[style]),
    industry: random.weighted(INDUSTRIES),
    country: random.weighted(COUNTRIES),
    hs_analytics_source: random.weighted(CHANNELS),
    lifecyclestage: 'subscriber',
  };
  if (random.chance(0.85))
    properties.company_size = String(random.integer(5, 8000));
  const answer = ROLE_ANSWERS[style];
  // Progressive profiling: some leads answer the persona question only on a later form.
  const answersLater = answer !== undefined && random.chance(0.3);
  if (answer !== undefined && !answersLater) properties.buyer_role = answer;

  const steps: DemoStep[] = [
    { at: createdAt, action: 'create', ref, properties },
  ];
  const counters: Counters = {
    visits: 0,
    pageViews: 0,
    conversions: 0,
    opens: 0,
    clicks: 0,
  };
  const pace = PACE[style];
  let stage: keyof typeof PAGES = 'awareness';
  const endAt = START_AT + DAYS * DAY;
  let at = createdAt + random.integer(1, 48) * 3_600_000;
  while (at < endAt) {
    steps.push(...visitSteps(random, ref, at, stage, counters));
    if (stage !== 'awareness' || random.chance(0.3)) {
      counters.conversions += 1;
      steps.push(
        update(at + 600_000, ref, 'FORM', {
          num_conversion_events: String(counters.conversions),
          recent_conversion_event_name: FORMS[stage],
          ...(answersLater && counters.conversions === 1
            ? { buyer_role: answer }
            : {}),
        }),
      );
    }
    if (random.chance(0.5)) {
      counters.opens += 1;
      const clicked = random.chance(0.4);
      if (clicked) counters.clicks += 1;
      steps.push(
        update(at - 3_600_000, ref, 'EMAIL', {
          hs_email_open: String(counters.opens),
          ...(clicked ? { hs_email_click: String(counters.clicks) } : {}),
        }),
      );
    }
    if (random.chance(pace.advance)) {
      stage = stage === 'awareness' ? 'consideration' : 'decision';
    }
    if (random.chance(0.01)) {
      steps.push(
        update(at + 7_200_000, ref, 'EMAIL', { hs_email_optout: 'true' }),
      );
      break;
    }
    at += Math.round((7 / pace.visitsPerWeek) * DAY * (0.5 + random.next()));
  }
  return steps;
}

function visitSteps(
  random: SeededRandom,
  ref: string,
  at: number,
  stage: keyof typeof PAGES,
  counters: Counters,
): DemoStep[] {
  counters.visits += 1;
  counters.pageViews += random.integer(1, 6);
  return [
    update(at, ref, 'ANALYTICS', {
      hs_analytics_num_visits: String(counters.visits),
      hs_analytics_num_page_views: String(counters.pageViews),
      hs_analytics_last_url: `https://www.demo.example${random.pick(PAGES[stage])}`,
    }),
  ];
}

/** Sales marks a few contacts as customers by hand; deletions, a merge and a privacy deletion. */
function addLifecycleEvents(random: SeededRandom, steps: DemoStep[]): void {
  const endAt = START_AT + DAYS * DAY;
  for (const ref of ['c007', 'c042', 'c099', 'c150']) {
    steps.push(
      update(endAt - random.integer(2, 10) * DAY, ref, 'CRM_UI', {
        lifecyclestage: 'customer',
      }),
    );
  }
  steps.push({ at: endAt - 5 * DAY, action: 'delete', ref: 'c013' });
  steps.push({
    at: endAt - 4 * DAY,
    action: 'merge',
    ref: 'c020',
    merged: 'c021',
  });
  steps.push({ at: endAt - 3 * DAY, action: 'privacyDelete', ref: 'c033' });
}

function update(
  at: number,
  ref: string,
  source: string,
  properties: Record<string, string>,
): DemoStep {
  return { at, action: 'update', ref, properties, source };
}

/** Events HubSpot would never send, each wrong in one way. */
function invalidEvents(): unknown[] {
  const base = {
    eventId: 1,
    subscriptionId: 501,
    portalId: 9_100_001,
    appId: 4242001,
    occurredAt: START_AT,
    subscriptionType: 'contact.propertyChange',
    attemptNumber: 0,
    objectId: 1,
    propertyName: 'jobtitle',
    propertyValue: 'Analyst',
    changeSource: 'CRM_UI',
  };
  const { objectId: _objectId, ...withoutObjectId } = base;
  return [
    { ...withoutObjectId, eventId: 900001 },
    { ...base, eventId: 900002, occurredAt: 'yesterday' },
    { ...base, eventId: 900003, subscriptionType: 'contact.teleport' },
    { ...base, eventId: 900004, portalId: -5 },
    'not an event',
  ];
}

async function main(): Promise<void> {
  const seedIndex = process.argv.indexOf('--seed');
  const seed =
    seedIndex === -1 ? 20261201 : Number(process.argv[seedIndex + 1]);
  const scenario = generateScenario(seed);
  await mkdir('events/demo', { recursive: true });
  await writeFile('events/demo/scenario.json', JSON.stringify(scenario) + '\n');
  console.log(
    `events/demo/scenario.json: ${scenario.steps.length} steps, seed ${seed}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
