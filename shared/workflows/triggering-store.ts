import type { ContactState } from '#shared/core/pipeline/contact-state.ts';
import { logger } from '#shared/logger.ts';
import type { Clock, ContactStatePort } from '#shared/pipeline/ports.ts';
import type { ContactChange } from './contact-changes.ts';

// Reads are kept for the put that follows them. A batch reads each contact a
// few times at most, and a put removes its entry, so the map stays small.
const MAX_REMEMBERED = 10_000;

/**
 * Wraps the processor's contact store so that every stored change runs the
 * workflow triggers and exit goals, with the state read before the change.
 * The processor keeps its one get and one put per contact. The workflows add
 * one query of the contact's enrollments, and writes only for what changed.
 * A workflow failure is logged and leaves the stored contact as it is.
 */
export function triggeringStore(
  store: ContactStatePort,
  onChange: (change: ContactChange) => Promise<unknown>,
  clock: Clock,
): ContactStatePort {
  const read = new Map<string, ContactState | undefined>();
  return {
    async get(portalId, contactId) {
      const state = await store.get(portalId, contactId);
      if (read.size >= MAX_REMEMBERED) read.clear();
      read.set(`${portalId}:${contactId}`, state);
      return state;
    },
    async put(state, expectedVersion) {
      await store.put(state, expectedVersion);
      const key = `${state.portalId}:${state.contactId}`;
      const remembered = read.get(key);
      read.delete(key);
      const before =
        remembered !== undefined && remembered.version === expectedVersion
          ? remembered
          : undefined;
      if (before === undefined && expectedVersion !== 0) return;
      try {
        await onChange({
          portalId: state.portalId,
          before,
          after: state,
          now: clock(),
        });
      } catch (error) {
        logger.error('Workflow triggers failed for a stored contact', {
          contactKey: key,
          error,
        });
      }
    },
  };
}
