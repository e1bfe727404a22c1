// Captures what simulated threads print. console's methods are wrapped once: inside a capturing simulation the
// text goes to its output, anywhere else to the original method. This works with or without vitest's own
// console interception, which we never rely on.
import { format } from 'node:util';
import { activeCapture, writeOutput } from '../core/index.ts';

let installed = false;

export function installConsoleCapture(): void {
  if (installed) return;
  installed = true;
  const streams = { log: 'stdout', info: 'stdout', debug: 'stdout', warn: 'stderr', error: 'stderr' } as const;
  for (const [method, stream] of Object.entries(streams)) {
    const key = method as keyof typeof streams;
    const original = console[key].bind(console);
    console[key] = (...args: unknown[]) => {
      if (activeCapture() === null) original(...args);
      else writeOutput(`${format(...args)}\n`, stream);
    };
  }
}
