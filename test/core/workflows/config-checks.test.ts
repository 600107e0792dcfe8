import { describe, expect, it } from 'vitest';
import { checkClientConfig } from '#shared/core/config/load.ts';
import { reportContentMap } from '#shared/core/workflows/content-map.ts';
import { demoRaw, simpleWorkflow, type WorkflowInput } from './fixtures.ts';

function problemsWith(...items: WorkflowInput[]) {
  const raw = demoRaw();
  raw.workflows.items = items;
  const result = checkClientConfig(raw);
  return result.ok ? [] : result.problems;
}

describe('workflow config checks', () => {
  it('accepts the demo workflows', () => {
    expect(checkClientConfig(demoRaw()).ok).toBe(true);
  });

  describe('when a step refers to something unknown', () => {
    it('names an unknown content item', () => {
      const problems = problemsWith(
        simpleWorkflow({
          steps: [{ type: 'sendEmail', contentId: 'ebook-missing' }],
        }),
      );

      expect(problems).toHaveLength(1);
      expect(problems[0]?.path).toBe('workflows.items.0.steps.0.contentId');
      expect(problems[0]?.value).toBe('ebook-missing');
      expect(problems[0]?.message).toContain(
        'unknown content item "ebook-missing"',
      );
    });

    it('names an unknown workflow', () => {
      const problems = problemsWith(
        simpleWorkflow({
          steps: [{ type: 'enroll', workflowId: 'follow-up' }],
        }),
      );

      expect(problems[0]?.path).toBe('workflows.items.0.steps.0.workflowId');
      expect(problems[0]?.message).toContain('unknown workflow "follow-up"');
    });

    it('names an unknown owner', () => {
      const problems = problemsWith(
        simpleWorkflow({
          steps: [
            {
              type: 'branch',
              criteria: [{ type: 'qualification', is: ['sql'] }],
              then: [{ type: 'assignOwner', owners: ['71000001', '99999999'] }],
            },
          ],
        }),
      );

      expect(problems[0]?.path).toBe(
        'workflows.items.0.steps.0.then.0.owners.1',
      );
      expect(problems[0]?.message).toContain('unknown owner "99999999"');
      expect(problems[0]?.message).toContain('workflows.owners');
    });

    it('names an unknown persona in a check', () => {
      const problems = problemsWith(
        simpleWorkflow({
          trigger: {
            criteria: [{ type: 'any', of: [{ type: 'persona', is: ['cfo'] }] }],
          },
        }),
      );

      expect(problems[0]?.path).toBe(
        'workflows.items.0.trigger.criteria.0.of.0.is.0',
      );
    });
  });

  it('rejects a content item without an email', () => {
    const raw = demoRaw();
    delete (raw.content as { email?: unknown }[])[0]!.email;

    const result = checkClientConfig(raw);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toContain('has no email');
  });

  it('rejects a version used twice', () => {
    const problems = problemsWith(simpleWorkflow(), simpleWorkflow());

    expect(problems[0]?.path).toBe('workflows.items.1.version');
  });

  it('rejects steps after a stop', () => {
    const problems = problemsWith(
      simpleWorkflow({
        steps: [
          { type: 'stop' },
          { type: 'sendEmail', contentId: 'guide-dashboards' },
        ],
      }),
    );

    expect(problems[0]?.path).toBe('workflows.items.0.steps.1');
    expect(problems[0]?.message).toContain('unreachable');
  });

  describe('content map rules', () => {
    it('rejects a campaign that starts with a gated item', () => {
      const problems = problemsWith(
        simpleWorkflow({
          trigger: { criteria: [{ type: 'persona', is: ['analyst'] }] },
          steps: [
            { type: 'wait', for: { days: 1 } },
            {
              type: 'branch',
              criteria: [{ type: 'persona', is: ['analyst'] }],
              then: [
                { type: 'sendEmail', contentId: 'blog-reporting-pitfalls' },
              ],
              else: [{ type: 'sendEmail', contentId: 'checklist-kpis' }],
            },
            { type: 'sendEmail', contentId: 'whitepaper-data-teams' },
          ],
        }),
      );

      expect(problems).toHaveLength(1);
      expect(problems[0]?.path).toBe(
        'workflows.items.0.steps.1.else.0.contentId',
      );
      expect(problems[0]?.message).toContain(
        'starts a campaign with gated item',
      );
    });

    it('accepts a gated first email in a module without a trigger', () => {
      const problems = problemsWith(
        simpleWorkflow({
          steps: [{ type: 'sendEmail', contentId: 'checklist-kpis' }],
        }),
      );

      expect(problems).toEqual([]);
    });

    it('rejects decision content without a decision-stage check', () => {
      const problems = problemsWith(
        simpleWorkflow({
          steps: [
            {
              type: 'branch',
              criteria: [{ type: 'qualification', is: ['mql', 'sql'] }],
              then: [{ type: 'sendEmail', contentId: 'casestudy-retailer' }],
            },
          ],
        }),
      );

      expect(problems[0]?.path).toBe(
        'workflows.items.0.steps.0.then.0.contentId',
      );
      expect(problems[0]?.message).toContain('without a decision-stage check');
    });

    it('accepts decision content in the else-steps of an earlier-stage check', () => {
      const problems = problemsWith(
        simpleWorkflow({
          steps: [
            {
              type: 'branch',
              criteria: [
                { type: 'journeyStage', is: ['awareness', 'consideration'] },
              ],
              then: [{ type: 'stop' }],
              else: [{ type: 'sendEmail', contentId: 'demo-request' }],
            },
          ],
        }),
      );

      expect(problems).toEqual([]);
    });

    it('accepts a decision trigger only when no workflow hands over to it', () => {
      const decisionOnly = simpleWorkflow({
        id: 'decision-only',
        trigger: { criteria: [{ type: 'journeyStage', is: ['decision'] }] },
        steps: [{ type: 'sendEmail', contentId: 'casestudy-retailer' }],
      });
      const handOver = simpleWorkflow({
        steps: [{ type: 'enroll', workflowId: 'decision-only' }],
      });

      expect(problemsWith(decisionOnly)).toEqual([]);
      expect(problemsWith(decisionOnly, handOver)[0]?.message).toContain(
        'without a decision-stage check',
      );
    });
  });
});

describe('reportContentMap', () => {
  it('reports an empty content map', () => {
    const report = reportContentMap({ content: [] });

    expect(report).toEqual({ items: 0, gated: 0, gatedShare: 0 });
  });

  it('warns outside 40-60% gated', () => {
    const content = [true, true, true, false].map((gated, index) => ({
      id: `item-${index}`,
      title: 'Item',
      format: 'guide' as const,
      stage: 'awareness' as const,
      gated,
    }));

    const report = reportContentMap({ content });

    expect(report.gatedShare).toBe(0.75);
    expect(report.warning).toContain('3 of 4 content items (75%) are gated');
  });

  it('gives no warning at 50%', () => {
    const content = [true, false].map((gated, index) => ({
      id: `item-${index}`,
      title: 'Item',
      format: 'guide' as const,
      stage: 'awareness' as const,
      gated,
    }));

    expect(reportContentMap({ content }).warning).toBeUndefined();
  });
});
