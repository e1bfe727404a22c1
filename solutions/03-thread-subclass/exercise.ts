// Exercise 03 — reference solution: a Thread subclass that overrides run() and keeps its own state.
import { Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';

/** Stores one receipt somewhere; the tests pass their own. */
export type Store = (receipt: string) => Promise<void> | void;

/** The real storage: keeping a copy of a receipt takes 2 s. */
export async function storeReceipt(receipt: string): Promise<void> {
  void receipt;
  await sleep(2);
}

/** One student's uploads, as a thread: `start()` it, `join()` it, then read `uploaded`. */
export class ReceiptUploader extends Thread {
  readonly student: string;
  /** What THIS uploader has stored, in order. An instance field: every uploader gets a new array. */
  readonly uploaded: string[] = [];
  private readonly receipts: readonly string[];
  private readonly store: Store;

  constructor(student: string, receipts: readonly string[], store: Store = storeReceipt) {
    // Thread's constructor first (the unit's `threading.Thread.__init__(self)`); only then can we use `this`.
    super({ name: `upload-${student}` });
    this.student = student;
    this.receipts = [...receipts]; // a copy: the caller may reuse or change its list
    this.store = store;
  }

  /**
   * The thread's activity. start() creates the new thread and *that* thread calls run(), so the stores happen in
   * this uploader's own thread. Putting this loop in start() would run it in whoever calls start().
   */
  override async run(): Promise<void> {
    for (const receipt of this.receipts) {
      await this.store(receipt); // one after another: this student's receipts are stored in order
      this.uploaded.push(receipt);
    }
  }
}

/** One uploader per student (key order); starts them all, then waits for them all. */
export async function uploadAll(
  batches: Readonly<Record<string, readonly string[]>>,
  store: Store = storeReceipt,
): Promise<ReceiptUploader[]> {
  const uploaders = Object.entries(batches).map(([student, receipts]) => new ReceiptUploader(student, receipts, store));
  for (const uploader of uploaders) uploader.start();
  for (const uploader of uploaders) await uploader.join();
  return uploaders;
}
