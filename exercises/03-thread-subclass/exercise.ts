// Ejercicio 03 · Subclase de Thread / Exercise 03 · Subclassing Thread.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { sleep } from '#runtime/time';
import { Thread } from '#runtime/threading';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/** Stores one receipt somewhere; the tests pass their own. */
export type Store = (receipt: string) => Promise<void> | void;

/** The real storage: keeping a copy of a receipt takes 2 s. */
export async function storeReceipt(receipt: string): Promise<void> {
  void receipt;
  throw notImplemented('storeReceipt');
}

/** One student's uploads, as a thread named `upload-<student>`. */
export class ReceiptUploader extends Thread {
  readonly student: string;
  /**
   * Lo que ha guardado este hilo, en orden. ¿Dónde se crea la lista para que cada hilo tenga la suya?
   * What this uploader has stored, in order. Where is the list created so that each thread has its own?
   */
  readonly uploaded: string[];

  constructor(student: string, receipts: readonly string[], store: Store = storeReceipt) {
    super();
    // TODO (es): guarda el estudiante, sus comprobantes, store y una lista `uploaded` nueva; el nombre del hilo se
    //   lo das a super(). / (en): keep the student, their receipts, store and a new `uploaded` list; the thread's
    //   name goes to super().
    void student;
    void receipts;
    void store;
    throw notImplemented('ReceiptUploader');
  }

  /** Stores each receipt in order and appends it to `uploaded`. */
  override async run(): Promise<void> {
    throw notImplemented('ReceiptUploader.run');
  }
}

/** One uploader per student (key order); starts them all, waits for them all, returns them. */
export async function uploadAll(
  batches: Readonly<Record<string, readonly string[]>>,
  store: Store = storeReceipt,
): Promise<ReceiptUploader[]> {
  void batches;
  void store;
  throw notImplemented('uploadAll');
}
