// Ejercicio 18 · Código bloqueante dentro de asyncio / Exercise 18 · Blocking code inside asyncio.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { gather, getRunningLoop, ThreadPoolExecutor, toThread } from '#runtime/asyncio';
import type { LegacyOcr, ReceiptStore } from './support.ts';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/** Un comprobante escaneado y guardado / A scanned and stored receipt. */
export interface Processed {
  id: string;
  text: string;
  address: string;
}

/**
 * Escanea un comprobante (ocr.scan, bloqueante) y guarda su texto (store.store, asíncrono).
 * Scans one receipt (ocr.scan, blocking) and stores its text (store.store, asynchronous).
 */
export async function processReceipt(ocr: LegacyOcr, store: ReceiptStore, id: string): Promise<Processed> {
  // TODO (es): ocr.scan retiene el hilo que la llama 0,8 s. ¿En qué hilo debe ejecutarse para que el bucle de
  //   eventos siga atendiendo a las demás tareas? / (en): ocr.scan holds the thread that calls it for 0.8 s. Which
  //   thread should run it so that the event loop keeps serving the other tasks?
  void ocr;
  void store;
  void id;
  throw notImplemented('processReceipt');
}

/** Procesa todos a la vez, resultados en el orden de ids / Processes all at once, results in the order of ids. */
export async function processAll(ocr: LegacyOcr, store: ReceiptStore, ids: readonly string[]): Promise<Processed[]> {
  // TODO (es): lanza todos a la vez y espera a todos. / (en): launch them all at once and wait for them all.
  void ocr;
  void store;
  void ids;
  throw notImplemented('processAll');
}

/**
 * Escanea todos con como mucho `licences` escaneos a la vez; textos en el orden de ids.
 * Scans them all with at most `licences` scans at a time; texts in the order of ids.
 */
export async function scanLimited(ocr: LegacyOcr, ids: readonly string[], licences: number): Promise<string[]> {
  // TODO (es): toThread usa el ejecutor por defecto (hasta 8 hilos). ¿Qué ejecutor limita los hilos a licences, y
  //   quién lo cierra al acabar? / (en): toThread uses the default executor (up to 8 threads). Which executor limits
  //   the threads to licences, and who shuts it down at the end?
  void ocr;
  void ids;
  void licences;
  throw notImplemented('scanLimited');
}
