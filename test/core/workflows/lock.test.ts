import { describe, expect, it } from 'vitest';
import {
  addToWorkflowLock,
  checkWorkflowLock,
  hashWorkflow,
  lockPathFor,
} from '#shared/core/workflows/lock.ts';
import { configWith, NOW, simpleWorkflow } from './fixtures.ts';

const FILES = {
  config: 'clients/acme.json',
  lock: 'clients/acme.workflows.lock.json',
};

function published() {
  const config = configWith(simpleWorkflow());
  return addToWorkflowLock(config, undefined, NOW).lock;
}

describe('checkWorkflowLock', () => {
  describe('when a published version changed but kept its number', () => {
    it('rejects it, naming the workflow and the fix', () => {
      const changed = configWith(
        simpleWorkflow({
          steps: [
            { type: 'sendEmail', contentId: 'blog-reporting-pitfalls' },
            { type: 'wait', for: { days: 3 } },
            { type: 'sendEmail', contentId: 'guide-dashboards' },
          ],
        }),
      );

      const problems = checkWorkflowLock(changed, published(), FILES);

      expect(problems).toHaveLength(1);
      expect(problems[0]?.path).toBe('workflows.items.0');
      expect(problems[0]?.value).toBe('welcome@1');
      expect(problems[0]?.message).toContain(
        'workflow "welcome" version 1 differs',
      );
      expect(problems[0]?.message).toContain('add the change as version 2');
      expect(problems[0]?.message).toContain(
        'npx nurture workflows lock clients/acme.json',
      );
    });
  });

  describe('when only the name or key order changed', () => {
    it('accepts the version', () => {
      const renamed = configWith({
        steps: simpleWorkflow().steps,
        stage: 'awareness',
        name: 'Welcome series',
        version: 1,
        id: 'welcome',
        reenrollment: { policy: 'never' },
      });

      expect(checkWorkflowLock(renamed, published(), FILES)).toEqual([]);
    });
  });

  describe('when a version is not in the lock', () => {
    it('asks to publish it', () => {
      const next = configWith(simpleWorkflow(), simpleWorkflow({ version: 2 }));

      const problems = checkWorkflowLock(next, published(), FILES);

      expect(problems).toHaveLength(1);
      expect(problems[0]?.value).toBe('welcome@2');
      expect(problems[0]?.message).toContain('is not published');
    });
  });

  describe('when a removed version comes back changed', () => {
    it('suggests a number after every published one', () => {
      const lock = addToWorkflowLock(
        configWith(simpleWorkflow(), simpleWorkflow({ version: 2 })),
        undefined,
        NOW,
      ).lock;
      const changedFirst = configWith(
        simpleWorkflow({ steps: [{ type: 'stop' }] }),
      );

      const problems = checkWorkflowLock(changedFirst, lock, FILES);

      expect(problems[0]?.message).toContain('as version 3');
    });
  });
});

describe('addToWorkflowLock', () => {
  it('adds new versions and keeps published entries as they are', () => {
    const lock = published();
    const changed = configWith(
      simpleWorkflow({ steps: [{ type: 'stop' }] }),
      simpleWorkflow({ version: 2 }),
    );

    const update = addToWorkflowLock(changed, lock, NOW + 1);

    expect(update.added).toEqual(['welcome@2']);
    expect(update.lock.workflows['welcome@1']).toEqual(
      lock.workflows['welcome@1'],
    );
  });
});

describe('hashWorkflow', () => {
  it('differs between versions with the same steps', () => {
    const config = configWith(simpleWorkflow(), simpleWorkflow({ version: 2 }));
    const [first, second] = config.workflows.items;

    expect(hashWorkflow(first!)).not.toBe(hashWorkflow(second!));
  });
});

describe('lockPathFor', () => {
  it('puts the lock file beside the config', () => {
    expect(lockPathFor('clients/demo.json')).toBe(
      'clients/demo.workflows.lock.json',
    );
  });
});
