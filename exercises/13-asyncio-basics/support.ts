// Course material for exercise 13 (do not edit): the bank's old callback API, faked on the virtual clock.
import { getRunningLoop } from '#runtime/asyncio';

/** The bank's legacy API: `confirm` calls `callback` exactly once, later, from the event loop. */
export interface LegacyBank {
  confirm(receiptId: string, callback: (error: Error | null, code?: string) => void): void;
}

/** The error the bank reports for a payment it does not recognise. */
export class PaymentRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentRejectedError';
  }
}

/** How the fake bank answers one receipt: after `after` seconds, a code or a rejection. */
export type BankAnswer = { after: number; code: string } | { after: number; reject: string };

/** A fake bank answering from a table; receipts not in the table are rejected after 1 s. */
export class FakeBank implements LegacyBank {
  readonly #answers: ReadonlyMap<string, BankAnswer>;
  /** Receipt ids in the order confirm() was called. */
  readonly calls: string[] = [];

  constructor(answers: Record<string, BankAnswer>) {
    this.#answers = new Map(Object.entries(answers));
  }

  confirm(receiptId: string, callback: (error: Error | null, code?: string) => void): void {
    this.calls.push(receiptId);
    const answer = this.#answers.get(receiptId) ?? { after: 1, reject: `unknown receipt ${receiptId}` };
    getRunningLoop().callLater(answer.after, () => {
      if ('code' in answer) callback(null, answer.code);
      else callback(new PaymentRejectedError(answer.reject));
    });
  }
}
