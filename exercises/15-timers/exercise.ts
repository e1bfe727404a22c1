// Ejercicio 15 · Temporizadores / Exercise 15 · Timers. Lee README.md (es) o README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { Event, Thread, Timer } from '#runtime/threading';
//   import { monotonic } from '#runtime/time';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/** One Timer per student whose upload form is open; uploading the receipt cancels it. */
export class ReminderService {
  constructor(delay: number, send: (studentId: string) => void) {
    void delay;
    void send;
    throw notImplemented('ReminderService');
  }

  formOpened(studentId: string): void {
    void studentId;
    throw notImplemented('ReminderService.formOpened');
  }

  receiptUploaded(studentId: string): void {
    void studentId;
    throw notImplemented('ReminderService.receiptUploaded');
  }

  pending(): string[] {
    throw notImplemented('ReminderService.pending');
  }

  cancelAll(): void {
    throw notImplemented('ReminderService.cancelAll');
  }
}

/** Calls `fn` at start + wait + k·interval (k = 0, 1, 2…) until cancel(), without drift. */
export class RepeatingTimer {
  constructor(wait: number, interval: number, fn: () => void | Promise<void>) {
    void wait;
    void interval;
    void fn;
    throw notImplemented('RepeatingTimer');
  }

  start(): void {
    throw notImplemented('RepeatingTimer.start');
  }

  cancel(): void {
    throw notImplemented('RepeatingTimer.cancel');
  }

  async join(): Promise<void> {
    throw notImplemented('RepeatingTimer.join');
  }
}
