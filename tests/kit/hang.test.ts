// The hang report's text: what waits where, in the student's language, and the exercise's causes.
import { expect, test } from 'vitest';
import { hang, hangId, hangText } from '../../exercises/_kit/diagnoses/hang.ts';
import type { ProgramState } from '#runtime/testing';

const causes = { es: ['¿recibió cada consumidor su centinela?'], en: ['did every consumer get its sentinel?'] };

const joinHang: ProgramState = {
  waits: [{ who: 'MainThread', what: 'Process.join() on Process-3', site: 'exercises/09-queue-pipe/exercise.ts:52:36', holder: null, outside: true }],
  busy: [],
  resources: ['Process-3 (target consumer)'],
  cycle: null,
};

test('a hang names the wait, its line, what still runs and the causes, in English', () => {
  expect(hangId(joinHang)).toBe('hang');
  expect(hangText({ deadline: 2.5, state: joinHang, causes }, 'en')).toBe([
    'The test did not finish within 2.5 s: MainThread waits in Process.join() on Process-3 at exercises/09-queue-pipe/exercise.ts:52:36, and nothing is going to wake it.',
    'Processes still running (stopped when the test ended): Process-3 (target consumer).',
    'Typical causes in this exercise:',
    '  - did every consumer get its sentinel?',
  ].join('\n'));
});

test('in Spanish, with the decimal comma', () => {
  expect(hangText({ deadline: 2.5, state: joinHang, causes }, 'es')).toBe([
    'El test no terminó en 2,5 s: MainThread espera en Process.join() de Process-3 en exercises/09-queue-pipe/exercise.ts:52:36, y nada lo va a despertar.',
    'Procesos aún en marcha (detenidos al acabar el test): Process-3 (target consumer).',
    'Causas típicas en este ejercicio:',
    '  - ¿recibió cada consumidor su centinela?',
  ].join('\n'));
});

test('a hang ended early, when every process was parked for good, says when and why, in both languages', () => {
  expect(hangText({ deadline: 10, state: joinHang, causes, early: 1.84 }, 'en').split('\n')[0]).toBe(
    'The test could never finish (stopped after 1.8 s instead of waiting 10 s: every process waits and none can wake another): '
    + 'MainThread waits in Process.join() on Process-3 at exercises/09-queue-pipe/exercise.ts:52:36, and nothing is going to wake it.');
  expect(hangText({ deadline: 10, state: joinHang, causes, early: 1.84 }, 'es').split('\n')[0]).toBe(
    'El test no podía terminar nunca (se detuvo a los 1,8 s sin esperar sus 10 s: todos los procesos esperan y ninguno puede despertar a otro): '
    + 'MainThread espera en Process.join() de Process-3 en exercises/09-queue-pipe/exercise.ts:52:36, y nada lo va a despertar.');
  expect(hangId(joinHang)).toBe('hang');
});

test('a child that answers names its own blocked call and line, in the first line and under the children', () => {
  const state: ProgramState = { ...joinHang, children: [
    { name: 'Process-3', label: 'Process-3 (target consumer)', waits: [
      { who: 'MainThread', what: 'Queue.get()', site: 'exercises/09-queue-pipe/exercise.ts:31:20' }] },
    { name: 'Process-4', label: 'Process-4 (target producer)', waits: null },
  ] };
  const en = hangText({ deadline: 2.5, state, causes }, 'en').split('\n');
  expect(en[0]).toBe('The test did not finish within 2.5 s: MainThread waits in Process.join() on Process-3 at exercises/09-queue-pipe/exercise.ts:52:36; '
    + 'and Process-3 waits in Queue.get() at exercises/09-queue-pipe/exercise.ts:31:20, and nothing is going to wake it.');
  expect(en.slice(1, 4)).toEqual([
    'Inside the child processes:',
    '  Process-3 waits in Queue.get() at exercises/09-queue-pipe/exercise.ts:31:20',
    '  Process-4 (target producer) does not answer: it is busy (a loop that never gives up its turn?)',
  ]);
  const es = hangText({ deadline: 2.5, state, causes }, 'es');
  expect(es).toContain('; y Process-3 espera en Queue.get() en exercises/09-queue-pipe/exercise.ts:31:20, y nada lo va a despertar.');
  expect(es).toContain('Dentro de los procesos hijos:');
});

test("a Pool's silent workers share one line, so the exercise's causes still show", () => {
  const workers = Array.from({ length: 9 }, (_, i) => ({ name: `SpawnPoolWorker-${i + 1}`, label: `SpawnPoolWorker-${i + 1}`, waits: null }));
  const state: ProgramState = { ...joinHang, children: workers };
  const en = hangText({ deadline: 2.5, state, causes }, 'en').split('\n');
  expect(en.slice(1, 3)).toEqual([
    'Inside the child processes:',
    "  SpawnPoolWorker-1, SpawnPoolWorker-2, SpawnPoolWorker-3 and 6 more do not answer: they are busy (a Pool's worker answers only between tasks; else, a loop that never gives up its turn?)",
  ]);
  expect(en.slice(-2)).toEqual(['Typical causes in this exercise:', '  - did every consumer get its sentinel?']);
  expect(hangText({ deadline: 2.5, state, causes }, 'es')).toContain('SpawnPoolWorker-3 y 6 más no contestan: siguen ocupados');
});

test('a cycle is a deadlock; a polling loop and a native Promise are told apart', () => {
  const cycle: ProgramState = {
    waits: [
      { who: 'one', what: 'Lock.acquire()', site: 'x.ts:3:5', holder: 'two', outside: false },
      { who: 'two', what: 'Lock.acquire()', site: 'x.ts:3:5', holder: 'one', outside: false },
    ],
    busy: [], resources: [], cycle: ['one', 'two', 'one'],
  };
  expect(hangId(cycle)).toBe('deadlock');
  const text = hangText({ deadline: 10, state: cycle, causes: { es: [], en: [] } }, 'en');
  expect(text.split('\n')[0]).toBe('Deadlock: the test did not finish within 10 s because the threads wait for each other in a cycle (one → two → one).');
  expect(text).toContain('  one waits in Lock.acquire() at x.ts:3:5 (held by two)');
  expect(text).not.toContain('Typical causes');

  const polling: ProgramState = { waits: [{ who: 'MainThread', what: 'time.sleep()', site: null, holder: null, outside: false }], busy: [], resources: [], cycle: null };
  expect(hangText({ deadline: 5, state: polling, causes }, 'en')).toBe('The test did not finish within 5 s: MainThread keeps going round a loop that sleeps (time.sleep()) waiting for something that never happens.\nTypical causes in this exercise:\n  - did every consumer get its sentinel?');
  // With the sleep's line (recorded while the kit watches for unawaited waits) it is still a polling loop.
  const sited: ProgramState = { ...polling, waits: [{ who: 'MainThread', what: 'time.sleep()', site: 'x.ts:9:5', holder: null, outside: false }] };
  expect(hangText({ deadline: 5, state: sited, causes }, 'en').split('\n')[0]).toBe('The test did not finish within 5 s: MainThread keeps going round a loop that sleeps (time.sleep() at x.ts:9:5) waiting for something that never happens.');
  const nothing: ProgramState = { waits: [], busy: [], resources: [], cycle: null };
  expect(hangText({ deadline: 5, state: nothing, causes }, 'es')).toMatch(/^El test no terminó en 5 s: tu código espera \(await\) una Promise que nunca se resuelve/);
});

test('the registered hang diagnosis names a framework timeout that reached the explainer in the student\'s terms', () => {
  const finding = hang.diagnose({ errors: [{ name: 'Error', message: 'Test timed out in 2500ms.\nIf this is a long-running test, pass a timeout value...' }], tracebacks: [] });
  expect(finding?.message.es).toBe('El test no terminó en 2,5 s: tu código se quedó esperando algo que no llega.');
  expect(finding?.message.en).toBe('The test did not finish within 2.5 s: your code kept waiting for something that never comes.');
  expect(finding?.hint.en).toMatch(/a queue without its sentinel/);
  expect(hang.diagnose({ errors: [{ message: 'expected 1 to be 2' }], tracebacks: [] })).toBeNull();
});
