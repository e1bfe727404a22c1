// An asyncio call outside any event loop: main never started one with run().
import { findError, studentLine, text, type Diagnosis } from '../diagnosis.ts';

export const noEventLoop: Diagnosis = {
  id: 'no-event-loop',
  diagnose(evidence) {
    const error = findError(evidence, /no running event loop/);
    if (error === undefined) return null;
    return {
      message: text('No hay ningún bucle de eventos en marcha: se llamó a asyncio fuera de run().',
        'There is no event loop running: asyncio was called outside run().'),
      hint: text('Arráncalo en main con run(async () => { ... }) (asyncio.run de Python) y llama a las corrutinas dentro.',
        'Start one in main with run(async () => { ... }) (Python\'s asyncio.run) and call the coroutines inside it.'),
      where: studentLine(error.stack),
    };
  },
};
