import type { ContactState } from '#shared/core/pipeline/contact-state.ts';

/** Contact state persistence with optimistic locking. */
export interface ContactStore {
  get(portalId: number, contactId: string): Promise<ContactState | undefined>;
  /**
   * Stores the state if the stored version still equals `expectedVersion` (0: not stored yet);
   * throws {@link VersionConflictError} when another writer came first.
   */
  put(state: ContactState, expectedVersion: number): Promise<void>;
  /**
   * Removes the stored state, whatever its version. Items the contact has beside its state,
   * such as workflow enrollments, stay.
   */
  delete(portalId: number, contactId: string): Promise<void>;
}

/** Another event for the same contact was stored first; retry with a fresh read. */
export class VersionConflictError extends Error {
  constructor(
    readonly portalId: number,
    readonly contactId: string,
    readonly expectedVersion: number,
  ) {
    super(
      `Contact ${portalId}:${contactId} changed since version ${expectedVersion} was read; read it again and retry`,
    );
    this.name = 'VersionConflictError';
  }
}
