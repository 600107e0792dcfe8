import {
  RetryableMailError,
  type Mailer,
  type OutgoingEmail,
  type SendResult,
} from './mailer.ts';

/**
 * A record of action keys that have been sent, or are being sent. The tick
 * backs it with a conditional write, so two ticks cannot both claim a key.
 */
export interface SendLedger {
  /** Claims the key; returns false when it was claimed before. */
  claim(actionKey: string, at: number): Promise<boolean>;
  /** Records how a claimed send ended. */
  record(actionKey: string, result: SendResult): Promise<void>;
  /** Releases a claim after a failure that sent nothing, so a retry may send. */
  release(actionKey: string): Promise<void>;
}

export type SendOnceResult = SendResult | { status: 'duplicate' };

/**
 * Sends an email at most once per action key: the key is claimed before the
 * send, so a tick that crashes after sending and before recording does not
 * send again on its retry. A retryable failure releases the claim and is
 * re-thrown.
 */
export async function sendOnce(
  mailer: Mailer,
  ledger: SendLedger,
  email: OutgoingEmail,
  now: number,
): Promise<SendOnceResult> {
  if (!(await ledger.claim(email.actionKey, now)))
    return { status: 'duplicate' };
  let result: SendResult;
  try {
    result = await mailer.send(email);
  } catch (error) {
    if (error instanceof RetryableMailError)
      await ledger.release(email.actionKey);
    throw error;
  }
  await ledger.record(email.actionKey, result);
  return result;
}

/** A {@link SendLedger} in memory, for the dry run and tests. */
export class MemorySendLedger implements SendLedger {
  readonly entries = new Map<
    string,
    { claimedAt: number; result?: SendResult }
  >();

  async claim(actionKey: string, at: number): Promise<boolean> {
    if (this.entries.has(actionKey)) return false;
    this.entries.set(actionKey, { claimedAt: at });
    return true;
  }

  async record(actionKey: string, result: SendResult): Promise<void> {
    const entry = this.entries.get(actionKey);
    if (entry !== undefined) entry.result = result;
  }

  async release(actionKey: string): Promise<void> {
    this.entries.delete(actionKey);
  }
}
