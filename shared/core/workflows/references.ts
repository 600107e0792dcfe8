import type { ClientConfig } from '../config/client.ts';
import type {
  Check,
  Criterion,
  InteractionFilter,
  Step,
} from '../config/workflows.ts';
import type { ConfigProblem } from '../config/load.ts';
import { walkSteps } from './paths.ts';

/** Ids a workflow may refer to, with where each kind is defined, for messages. */
interface KnownIds {
  content: Set<string>;
  contentWithEmail: Set<string>;
  workflows: Set<string>;
  owners: Set<string>;
  personas: Set<string>;
  topics: Set<string>;
  keyPages: Set<string>;
}

/**
 * Checks that workflows refer only to content items, workflows, owners,
 * personas, topics and key pages that exist, that no id and version repeats,
 * and that no step follows a step that ends the enrollment.
 */
export function checkWorkflowReferences(config: ClientConfig): ConfigProblem[] {
  const known = knownIds(config);
  const problems: ConfigProblem[] = [];
  problems.push(...duplicateVersions(config));
  problems.push(
    ...duplicateIds(config.workflows.owners, 'workflows.owners', 'owner id'),
  );
  problems.push(
    ...duplicateIds(config.workflows.topics, 'workflows.topics', 'topic id'),
  );

  config.workflows.topics.forEach((topic, index) => {
    const path = `workflows.topics.${index}`;
    topic.contentIds.forEach((id, position) =>
      problems.push(
        ...unknown(
          id,
          known.content,
          `${path}.contentIds.${position}`,
          'content item',
          'content',
        ),
      ),
    );
    topic.keyPages.forEach((id, position) =>
      problems.push(
        ...unknown(
          id,
          known.keyPages,
          `${path}.keyPages.${position}`,
          'key page',
          'engagement.keyPages',
        ),
      ),
    );
  });

  let sendsEmail = false;
  config.workflows.items.forEach((workflow, index) => {
    const path = `workflows.items.${index}`;
    if (workflow.trigger !== undefined) {
      problems.push(
        ...criteriaProblems(
          workflow.trigger.criteria,
          `${path}.trigger.criteria`,
          known,
        ),
      );
      if (workflow.trigger.event !== undefined) {
        problems.push(
          ...filterProblems(
            workflow.trigger.event,
            `${path}.trigger.event`,
            known,
          ),
        );
      }
    }
    workflow.exitGoals.forEach((goal, position) =>
      problems.push(
        ...criteriaProblems(
          goal.criteria,
          `${path}.exitGoals.${position}.criteria`,
          known,
        ),
      ),
    );
    walkSteps(workflow.steps, (step, stepPath) => {
      if (step.type === 'sendEmail') sendsEmail = true;
      problems.push(...stepProblems(step, `${path}.steps.${stepPath}`, known));
    });
    problems.push(...unreachableSteps(workflow.steps, `${path}.steps`));
  });

  if (sendsEmail && config.email.unsubscribeUrl === undefined) {
    problems.push({
      path: 'email.unsubscribeUrl',
      value: undefined,
      message:
        'missing: workflows send email, and every email needs a List-Unsubscribe link; set an https URL containing {token}',
    });
  }
  return problems;
}

function knownIds(config: ClientConfig): KnownIds {
  return {
    content: new Set(config.content.map((item) => item.id)),
    contentWithEmail: new Set(
      config.content
        .filter((item) => item.email !== undefined)
        .map((item) => item.id),
    ),
    workflows: new Set(config.workflows.items.map((item) => item.id)),
    owners: new Set(config.workflows.owners.map((owner) => owner.id)),
    personas: new Set(config.personas.items.map((persona) => persona.id)),
    topics: new Set(config.workflows.topics.map((topic) => topic.id)),
    keyPages: new Set(config.engagement.keyPages.map((page) => page.id)),
  };
}

function stepProblems(
  step: Step,
  path: string,
  known: KnownIds,
): ConfigProblem[] {
  switch (step.type) {
    case 'sendEmail': {
      const problems = unknown(
        step.contentId,
        known.content,
        `${path}.contentId`,
        'content item',
        'content',
      );
      if (
        problems.length === 0 &&
        !known.contentWithEmail.has(step.contentId)
      ) {
        problems.push({
          path: `${path}.contentId`,
          value: step.contentId,
          message: `content item "${step.contentId}" has no email (subject, html, text); add one to the item or send another item`,
        });
      }
      return problems;
    }
    case 'skip':
      return step.contentId === undefined
        ? []
        : unknown(
            step.contentId,
            known.content,
            `${path}.contentId`,
            'content item',
            'content',
          );
    case 'enroll':
      return unknown(
        step.workflowId,
        known.workflows,
        `${path}.workflowId`,
        'workflow',
        'workflows.items',
      );
    case 'assignOwner':
      return [
        ...step.owners.flatMap((owner, index) =>
          unknown(
            owner,
            known.owners,
            `${path}.owners.${index}`,
            'owner',
            'workflows.owners',
          ),
        ),
        ...step.rules.flatMap((rule, index) => [
          ...unknown(
            rule.owner,
            known.owners,
            `${path}.rules.${index}.owner`,
            'owner',
            'workflows.owners',
          ),
          ...criteriaProblems(
            rule.criteria,
            `${path}.rules.${index}.criteria`,
            known,
          ),
        ]),
      ];
    case 'branch':
      return criteriaProblems(step.criteria, `${path}.criteria`, known);
    case 'wait':
      return step.untilEvent === undefined
        ? []
        : filterProblems(step.untilEvent, `${path}.untilEvent`, known);
    case 'setProperty':
    case 'stop':
      return [];
  }
}

function criteriaProblems(
  criteria: readonly Criterion[],
  path: string,
  known: KnownIds,
): ConfigProblem[] {
  return criteria.flatMap((criterion, index) => {
    if (criterion.type === 'any' || criterion.type === 'none') {
      return criterion.of.flatMap((check, position) =>
        checkProblems(check, `${path}.${index}.of.${position}`, known),
      );
    }
    return checkProblems(criterion, `${path}.${index}`, known);
  });
}

function checkProblems(
  check: Check,
  path: string,
  known: KnownIds,
): ConfigProblem[] {
  switch (check.type) {
    case 'persona':
      return check.is.flatMap((id, index) =>
        unknown(
          id,
          known.personas,
          `${path}.is.${index}`,
          'persona',
          'personas.items',
        ),
      );
    case 'interest':
      return unknown(
        check.topic,
        known.topics,
        `${path}.topic`,
        'topic',
        'workflows.topics',
      );
    case 'consumed':
      return unknown(
        check.contentId,
        known.content,
        `${path}.contentId`,
        'content item',
        'content',
      );
    case 'interaction':
      return filterProblems(check.filter, `${path}.filter`, known);
    default:
      return [];
  }
}

function filterProblems(
  filter: InteractionFilter,
  path: string,
  known: KnownIds,
): ConfigProblem[] {
  return [
    ...(filter.contentId === undefined
      ? []
      : unknown(
          filter.contentId,
          known.content,
          `${path}.contentId`,
          'content item',
          'content',
        )),
    ...(filter.page === undefined
      ? []
      : unknown(
          filter.page,
          known.keyPages,
          `${path}.page`,
          'key page',
          'engagement.keyPages',
        )),
  ];
}

function unreachableSteps(
  steps: readonly Step[],
  path: string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ends = steps.findIndex(
    (step) => step.type === 'enroll' || step.type === 'stop',
  );
  if (ends !== -1 && ends < steps.length - 1) {
    problems.push({
      path: `${path}.${ends + 1}`,
      value: steps[ends + 1]?.type,
      message: `unreachable: step ${ends} (${steps[ends]?.type}) ends the enrollment; remove the steps after it or move them before it`,
    });
  }
  steps.forEach((step, index) => {
    if (step.type !== 'branch') return;
    problems.push(...unreachableSteps(step.then, `${path}.${index}.then`));
    problems.push(...unreachableSteps(step.else, `${path}.${index}.else`));
  });
  return problems;
}

function duplicateVersions(config: ClientConfig): ConfigProblem[] {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  config.workflows.items.forEach((workflow, index) => {
    const key = `${workflow.id}@${workflow.version}`;
    if (seen.has(key)) {
      problems.push({
        path: `workflows.items.${index}.version`,
        value: workflow.version,
        message: `workflow "${workflow.id}" has version ${workflow.version} twice; give the newer definition the next version number`,
      });
    }
    seen.add(key);
  });
  return problems;
}

function duplicateIds(
  items: readonly { id: string }[],
  path: string,
  what: string,
): ConfigProblem[] {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      problems.push({
        path: `${path}.${index}.id`,
        value: item.id,
        message: `duplicate ${what}; every ${what} must be unique`,
      });
    }
    seen.add(item.id);
  });
  return problems;
}

function unknown(
  id: string,
  known: Set<string>,
  path: string,
  what: string,
  definedIn: string,
): ConfigProblem[] {
  if (known.has(id)) return [];
  const choices = [...known];
  const message =
    choices.length === 0
      ? `unknown ${what} "${id}": ${definedIn} defines none; add it there`
      : `unknown ${what} "${id}"; use one of ${choices.join(', ')} or add it to ${definedIn}`;
  return [{ path, value: id, message }];
}
