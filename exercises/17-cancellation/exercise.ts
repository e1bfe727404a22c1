// Ejercicio 17 · Cancelar bien / Exercise 17 · Cancelling properly.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { CancelledError, wait, gather } from '#runtime/asyncio';
import type { Task } from '#runtime/asyncio';
import type { FakeStorage, Receipt } from './support.ts';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/**
 * Sube un comprobante trozo a trozo y lo confirma con commit; devuelve su dirección.
 * Uploads a receipt chunk by chunk and commits it; returns its address.
 */
export async function uploadReceipt(storage: FakeStorage, receipt: Receipt): Promise<string> {
  // TODO (es): escribe cada trozo con storage.writeChunk(receipt.id, n); reintenta un trozo que falle hasta
  //   ATTEMPTS_PER_CHUNK veces. Decide qué errores se reintentan: ¿también el de una cancelación?
  // TODO (en): write each chunk with storage.writeChunk(receipt.id, n); retry a failing chunk up to
  //   ATTEMPTS_PER_CHUNK times. Decide which errors are retried: the one a cancellation raises, too?
  // TODO (es): si la subida no termina (fallo o cancelación), borra el archivo a medias con storage.remove y deja
  //   que el error siga su camino. / (en): if the upload does not finish (failure or cancellation), remove the
  //   half-written file with storage.remove and let the error go on its way.
  void storage;
  void receipt;
  throw notImplemented('uploadReceipt');
}

/** Lo que pasó con cada subida al cerrar la ventanilla / What became of each upload when the window closed. */
export interface WindowReport {
  uploaded: string[];
  cancelled: string[];
  failed: string[];
}

/**
 * Cancela las subidas que siguen en marcha, espera a que todas terminen (limpieza incluida) e informa de cada una.
 * Cancels the uploads still running, waits until every one has finished (cleanup included) and reports each one.
 */
export async function closeWindow(uploads: readonly Task<string>[]): Promise<WindowReport> {
  // TODO (es): cancelar una tarea solo se lo pide; ¿cuándo ha terminado de verdad? / (en): cancelling a task
  //   only asks it to stop; when has it really finished?
  void uploads;
  throw notImplemented('closeWindow');
}
