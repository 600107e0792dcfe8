import type { ClientConfig } from '../config/client.ts';
import type { ContentItem } from '../config/content.ts';
import type { Criterion, Step, Workflow } from '../config/workflows.ts';
import type { ConfigProblem } from '../config/load.ts';
import { contentById } from '../scoring/lookups.ts';
import { walkSteps, type BranchArm } from './paths.ts';

/** The share of gated items the method aims for, as a range. */
export const GATED_SHARE_RANGE = { min: 0.4, max: 0.6 } as const;

/** Gated and non-gated content, for `config check` to print. */
export interface ContentMapReport {
  items: number;
  gated: number;
  /** Gated items divided by all items; 0 for an empty content map. */
  gatedShare: number;
  /** Set when the share is outside {@link GATED_SHARE_RANGE}. */
  warning?: string;
}

/** Counts gated items in the content map and warns when their share is outside 40-60%. */
export function reportContentMap(
  config: Pick<ClientConfig, 'content'>,
): ContentMapReport {
  const items = config.content.length;
  const gated = config.content.filter((item) => item.gated).length;
  const gatedShare = items === 0 ? 0 : gated / items;
  const report: ContentMapReport = { items, gated, gatedShare };
  const outside =
    gatedShare < GATED_SHARE_RANGE.min || gatedShare > GATED_SHARE_RANGE.max;
  if (items > 0 && outside) {
    report.warning = `${gated} of ${items} content items (${Math.round(gatedShare * 100)}%) are gated; aim for 40-60% so content both collects lead data and stays easy to reach`;
  }
  return report;
}

/**
 * Checks how workflows use the content map: the first email a workflow with
 * a trigger sends (it starts a campaign) must be non-gated, and
 * decision-stage items go out only on paths that checked for the decision
 * stage.
 */
export function checkContentUse(config: ClientConfig): ConfigProblem[] {
  const content = contentById(config.content);
  const handOverTargets = new Set<string>();
  for (const workflow of config.workflows.items) {
    walkSteps(workflow.steps, (step) => {
      if (step.type === 'enroll') handOverTargets.add(step.workflowId);
    });
  }
  return config.workflows.items.flatMap((workflow, index) => [
    ...firstEmailProblems(workflow, index, content),
    ...decisionGuardProblems(
      workflow,
      index,
      content,
      handOverTargets.has(workflow.id),
    ),
  ]);
}

function firstEmailProblems(
  workflow: Workflow,
  index: number,
  content: Map<string, ContentItem>,
): ConfigProblem[] {
  if (workflow.trigger === undefined) return [];
  const problems: ConfigProblem[] = [];
  visitFirstEmails(workflow.steps, '', false, (step, path) => {
    const item = content.get(step.contentId);
    if (item?.gated !== true) return;
    problems.push({
      path: `workflows.items.${index}.steps.${path}.contentId`,
      value: step.contentId,
      message: `workflow "${workflow.id}" starts a campaign with gated item "${step.contentId}"; send a non-gated item first`,
    });
  });
  return problems;
}

// Calls `visit` for every email that is the first one on some path through
// the steps, and returns whether every path through them has sent one or ended.
function visitFirstEmails(
  steps: readonly Step[],
  prefix: string,
  emailSent: boolean,
  visit: (step: Extract<Step, { type: 'sendEmail' }>, path: string) => void,
): boolean {
  let sent = emailSent;
  for (const [index, step] of steps.entries()) {
    const path = `${prefix}${index}`;
    if (step.type === 'sendEmail') {
      if (!sent) visit(step, path);
      sent = true;
    } else if (step.type === 'enroll' || step.type === 'stop') {
      return true;
    } else if (step.type === 'branch') {
      const thenSent = visitFirstEmails(
        step.then,
        `${path}.then.`,
        sent,
        visit,
      );
      const elseSent = visitFirstEmails(
        step.else,
        `${path}.else.`,
        sent,
        visit,
      );
      sent = thenSent && elseSent;
    }
  }
  return sent;
}

function decisionGuardProblems(
  workflow: Workflow,
  index: number,
  content: Map<string, ContentItem>,
  isHandOverTarget: boolean,
): ConfigProblem[] {
  // Journey stages never go back, so a trigger that requires the decision
  // stage guards the whole workflow, unless contacts also arrive by hand-over.
  const triggerGuards =
    !isHandOverTarget &&
    workflow.trigger !== undefined &&
    requiresDecision(workflow.trigger.criteria);
  if (triggerGuards) return [];
  const problems: ConfigProblem[] = [];
  walkSteps(workflow.steps, (step, path, arms) => {
    if (step.type !== 'sendEmail') return;
    if (content.get(step.contentId)?.stage !== 'decision') return;
    if (arms.some(guardsDecision)) return;
    problems.push({
      path: `workflows.items.${index}.steps.${path}.contentId`,
      value: step.contentId,
      message: `workflow "${workflow.id}" sends decision-stage item "${step.contentId}" without a decision-stage check; put the step in the then-steps of a branch with {"type":"journeyStage","is":["decision"]}`,
    });
  });
  return problems;
}

function guardsDecision({ step, arm }: BranchArm): boolean {
  if (arm === 'then') return requiresDecision(step.criteria);
  // The else arm of "stage is awareness or consideration" is the decision stage.
  const [only] = step.criteria;
  return (
    step.criteria.length === 1 &&
    only?.type === 'journeyStage' &&
    !only.is.includes('decision')
  );
}

function requiresDecision(criteria: readonly Criterion[]): boolean {
  return criteria.some(
    (criterion) =>
      criterion.type === 'journeyStage' &&
      criterion.is.every((stage) => stage === 'decision'),
  );
}
