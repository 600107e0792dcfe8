import type { Score } from '../contact.ts';
import type { SendCheckContact } from '../email/send-allowed.ts';

/** The contact fields the workflow engine reads, as they are at the time of the call. */
export interface WorkflowContact extends SendCheckContact {
  contactId: string;
  /** The latest score; checks on persona, qualification, journey stage and score fail without one. */
  score?: Pick<
    Score,
    | 'fit'
    | 'engagement'
    | 'total'
    | 'qualification'
    | 'persona'
    | 'journeyStage'
  >;
}
