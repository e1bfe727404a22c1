// Ejercicio 01 · Un hilo por estudiante / Exercise 01 · One thread per student.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { Thread } from '#runtime/threading';
//   import { sleep } from '#runtime/time';
import type { Thread } from '#runtime/threading';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/** One student's job. Any function of one student works as a thread target. */
export type Worker = (student: number) => Promise<void> | void;

/** Prints `Alumno <student> adjuntando comprobante....` and takes 0.5 s. */
export async function attachReceipt(student: number): Promise<void> {
  void student;
  throw notImplemented('attachReceipt');
}

/** One thread per student running `worker(student)`; starts them all, joins them all, returns them in order. */
export async function attachAll(students: readonly number[], worker: Worker = attachReceipt): Promise<Thread[]> {
  void students;
  void worker;
  throw notImplemented('attachAll');
}
