// Each operator plants exactly the mistake it names, at the right place, and nothing where the mistake
// cannot be made; every mutant still parses.
import { describe, expect, test } from 'vitest';
import { applyEdits, lineDiff, mutantsOfFile } from './mutants.ts';
import { OPERATORS } from './operators/index.ts';
import { Source, type Operator } from './operator.ts';

function op(id: string): Operator {
  const found = OPERATORS.find((o) => o.id === id);
  if (found === undefined) throw new Error(`no operator ${id}`);
  return found;
}

/** Every mutant text one operator makes of `code`. */
function mutate(id: string, code: string): string[] {
  return mutantsOfFile('exercise.ts', code, [op(id)]).map((m) => m.files['exercise.ts'] as string);
}

describe('mutation operators', () => {
  test('drop-await removes one await at a time, of calls, tasks and futures alike', () => {
    expect(mutate('drop-await', 'async function f(t, task) {\n  await t.join();\n  return await task;\n}\n')).toEqual([
      'async function f(t, task) {\n  t.join();\n  return await task;\n}\n',
      'async function f(t, task) {\n  await t.join();\n  return task;\n}\n',
    ]);
  });

  test('drop-lock removes the acquire/release pair of one lock, and unwraps withLock', () => {
    const code = 'async function f(lock, c) {\n  await lock.acquire();\n  try {\n    c.value += 1;\n  } finally {\n    lock.release();\n  }\n}\n';
    expect(mutate('drop-lock', code)).toEqual(['async function f(lock, c) {\n  try {\n    c.value += 1;\n  } finally {\n  }\n}\n']);
    expect(mutate('drop-lock', 'await withLock(lock, () => c.value++);\n')).toEqual(['await (() => c.value++)();\n']);
    expect(mutate('drop-lock', 'await a.acquire();\nb.release();\n')).toEqual([]);
  });

  test('join-in-start-loop joins each thread in the loop that starts it', () => {
    expect(mutate('join-in-start-loop', 'async function f(ts) {\n  for (const t of ts) t.start();\n  for (const t of ts) await t.join();\n}\n'))
      .toEqual(['async function f(ts) {\n  for (const t of ts) { t.start(); await t.join(); }\n}\n']);
    expect(mutate('join-in-start-loop', 'async function f(a, b) {\n  for (const t of a) t.start();\n  for (const t of b) await t.join();\n}\n')).toEqual([]);
  });

  test('drop-join and start-run: the lifecycle mistakes', () => {
    expect(mutate('drop-join', 'async function f(t, names) {\n  await t.join();\n  names.join(", ");\n}\n')).toEqual(['async function f(t, names) {\n  names.join(", ");\n}\n']);
    expect(mutate('start-run', 't.start();\n')).toEqual(['t.run();\n', '']);
  });

  test('call-target calls the target with its args instead of passing it', () => {
    expect(mutate('call-target', 'new Thread({ target: worker, args: [s, 2] });\n')).toEqual(['new Thread({ target: worker(s, 2), args: [s, 2] });\n']);
    expect(mutate('call-target', 'new Thread({ target: () => worker(s) });\n')).toEqual([]);
  });

  test('args-not-list passes a single argument bare', () => {
    expect(mutate('args-not-list', 'new Timer(3, say, { args: ["Hola mundo!"] });\n')).toEqual(['new Timer(3, say, { args: "Hola mundo!" });\n']);
    expect(mutate('args-not-list', 'new Thread({ target: f, args: [a, b] });\n')).toEqual([]);
  });

  test('flip-flag flips daemon and returnExceptions, as an option or an assignment', () => {
    expect(mutate('flip-flag', 'new Thread({ daemon: true });\nt.daemon = false;\ngather(a, { returnExceptions: true });\n')).toEqual([
      'new Thread({ daemon: false });\nt.daemon = false;\ngather(a, { returnExceptions: true });\n',
      'new Thread({ daemon: true });\nt.daemon = true;\ngather(a, { returnExceptions: true });\n',
      'new Thread({ daemon: true });\nt.daemon = false;\ngather(a, { returnExceptions: false });\n',
    ]);
  });

  test('flip-flag also flips a parameter\'s default and ignores a flag passed through', () => {
    expect(mutate('flip-flag', 'function f(daemon = true) {\n  new Thread({ target, daemon });\n}\n')).toEqual([
      'function f(daemon = false) {\n  new Thread({ target, daemon });\n}\n',
      'function f(daemon = true) {\n  new Thread({ target, daemon: true });\n}\n',
      'function f(daemon = true) {\n  new Thread({ target, daemon: false });\n}\n',
    ]);
    expect(mutate('flip-flag', 'function f(slow = true) {\n  new Thread({ target, name });\n}\n'), 'other names are left alone').toEqual([]);
  });

  test('resize also reads the size from an options object, shorthand included', () => {
    expect(mutate('resize', 'new ThreadPoolExecutor({ maxWorkers: n, threadNamePrefix: "x" });\n')).toEqual([
      'new ThreadPoolExecutor({ maxWorkers: (n) + 1, threadNamePrefix: "x" });\n',
      'new ThreadPoolExecutor({ maxWorkers: (n) - 1, threadNamePrefix: "x" });\n',
    ]);
    expect(mutate('resize', 'new ThreadPoolExecutor({ maxWorkers });\n')).toEqual([
      'new ThreadPoolExecutor({ maxWorkers: (maxWorkers) + 1 });\n',
      'new ThreadPoolExecutor({ maxWorkers: (maxWorkers) - 1 });\n',
    ]);
    expect(mutate('resize', 'new ThreadPoolExecutor({ threadNamePrefix: "x" });\n')).toEqual([]);
  });

  test('blocking-call runs the function handed to a worker thread on the loop instead', () => {
    expect(mutate('blocking-call', 'const t = await toThread(ocr.scan, id);\n')).toEqual(['const t = await ocr.scan(id);\n']);
    expect(mutate('blocking-call', 'await loop.runInExecutor(ex, (x) => f(x), 1, 2);\n')).toEqual(['await ((x) => f(x))(1, 2);\n']);
    expect(mutate('blocking-call', 'await loop.runInExecutor(ex);\nawait toThread(...args);\n')).toEqual([]);
  });

  test('resize widens and narrows sizes by one, never to zero', () => {
    expect(mutate('resize', 'new Semaphore(1);\nnew Pool(n);\n')).toEqual(['new Semaphore(2);\nnew Pool(n);\n', 'new Semaphore(1);\nnew Pool((n) + 1);\n', 'new Semaphore(1);\nnew Pool((n) - 1);\n']);
  });

  test('swap-mode swaps imap orders and wait modes, and imports the mode it swaps in', () => {
    expect(mutate('swap-mode', 'import { FIRST_COMPLETED } from "x";\npool.imap(f, xs);\nwait(ts, { returnWhen: FIRST_COMPLETED });\n')).toEqual([
      'import { FIRST_COMPLETED } from "x";\npool.imapUnordered(f, xs);\nwait(ts, { returnWhen: FIRST_COMPLETED });\n',
      'import { FIRST_COMPLETED, ALL_COMPLETED } from "x";\npool.imap(f, xs);\nwait(ts, { returnWhen: ALL_COMPLETED });\n',
    ]);
    // Already imported, or used through a namespace: nothing to add.
    expect(mutate('swap-mode', 'import { ALL_COMPLETED, FIRST_COMPLETED } from "x";\nwait(ts, { returnWhen: FIRST_COMPLETED });\n'))
      .toEqual(['import { ALL_COMPLETED, FIRST_COMPLETED } from "x";\nwait(ts, { returnWhen: ALL_COMPLETED });\n']);
    expect(mutate('swap-mode', 'import * as aio from "x";\nwait(ts, { returnWhen: aio.FIRST_EXCEPTION });\n'))
      .toEqual(['import * as aio from "x";\nwait(ts, { returnWhen: aio.ALL_COMPLETED });\n']);
  });

  test('drop-signal: one sentinel fewer (a loop runs once less), no taskDone, no Event.set(), no setResult', () => {
    expect(mutate('drop-signal', 'async function f(q, n) {\n  for (let i = 0; i < n; i++) await q.put(null);\n}\n'))
      .toEqual(['async function f(q, n) {\n  for (let i = 0; i < (n) - 1; i++) await q.put(null);\n}\n']);
    expect(mutate('drop-signal', 'q.taskDone();\nev.set();\nd.set(k, v);\nif (e) fut.setException(e);\n'))
      .toEqual(['ev.set();\nd.set(k, v);\nif (e) fut.setException(e);\n', 'q.taskDone();\nd.set(k, v);\nif (e) fut.setException(e);\n', 'q.taskDone();\nev.set();\nd.set(k, v);\nif (e) {}\n']);
  });

  test('drop-cancel, swallow and off-by-one', () => {
    expect(mutate('drop-cancel', 'task.cancel();\nother();\n')).toEqual(['other();\n']);
    expect(mutate('swallow', 'try { a(); } catch (e) { log(e); throw e; }\ntry { b(); } finally { c(); }\n')).toEqual([
      'try { a(); } catch (e) {}\ntry { b(); } finally { c(); }\n',
      'try { a(); } catch (e) { log(e); throw e; }\ntry { b(); } catch { /* swallowed */ } finally { c(); }\n',
    ]);
    expect(mutate('off-by-one', 'for (let i = 0; i < n; i++) f(i);\n')).toEqual(['for (let i = 0; i <= n; i++) f(i);\n']);
  });

  test('plain-value, unwrap-thunk, drop-run, drop-main-guard and run-in-start', () => {
    expect(mutate('plain-value', 'const v = new mp.Value("i", 0);\nconst d = await manager.dict();\n'))
      .toEqual(['const v = { value: 0 };\nconst d = await manager.dict();\n', 'const v = new mp.Value("i", 0);\nconst d = await new Map();\n']);
    expect(mutate('unwrap-thunk', 'await gather(() => f(1), () => f(2));\n')).toEqual(['await gather(f(1), () => f(2));\n', 'await gather(() => f(1), f(2));\n']);
    expect(mutate('drop-run', 'export const main = () => run(async () => go());\n')).toEqual(['export const main = () => (async () => go())();\n']);
    expect(mutate('drop-main-guard', 'if (process.argv[1] === import.meta.filename) {\n  await demo();\n}\n')).toEqual(['{\n  await demo();\n}\n']);
    expect(mutate('run-in-start', 'class U extends Thread {\n  async run() { await go(); }\n}\n')).toEqual(['class U extends Thread {\n  async start() { await go(); }\n}\n']);
  });

  test('mutants are numbered per operator and line, carry a diff, and never fail to parse', () => {
    const code = 'async function f(a, b) {\n  await a.join(); await b.join();\n}\n';
    const mutants = mutantsOfFile('exercise.ts', code);
    expect(mutants.map((m) => m.id)).toEqual(expect.arrayContaining(['drop-await@exercise.ts:2', 'drop-await@exercise.ts:2#2']));
    expect(mutants[0]?.diff).toBe('@@ line 2\n-   await a.join(); await b.join();\n+   a.join(); await b.join();');
    expect(() => applyEdits('abc', [{ start: 0, end: 2, text: '' }, { start: 1, end: 3, text: '' }])).toThrow(/overlapping/);
    expect(lineDiff('a\nb\nc', 'a\nB\nc')).toBe('@@ line 2\n- b\n+ B');
    expect(lineDiff('a\nb\nc\nd', 'A\nb\nC\nD')).toBe('@@ line 1\n- a\n+ A\n@@ line 3\n- c\n- d\n+ C\n+ D');
  });

  test('an unparsable solution is a clear error, not an empty list', () => {
    expect(() => new Source('let = ;', 'exercise.ts')).toThrow(/exercise\.ts: cannot parse/);
  });
});
