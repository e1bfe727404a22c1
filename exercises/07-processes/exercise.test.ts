// Visible tests for exercise 07: the basic behaviour of checkAll and the burn functions.
import { afterEach, expect, test } from 'vitest';
import { expectLesson, say } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { simulate } from '#runtime/testing';
import { burnWithThreads, checkAll } from './exercise.ts';
import { expectArgsList, expectMainGuard, expectTargetPassed } from './support.ts';

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate(); // never leave a worker behind
});

test('checkAll checks three receipts in three child processes', async () => {
  const { value, output } = await simulate(() => checkAll([11, 12, 13]));
  expectMainGuard(output);
  expectTargetPassed(output, 'checkReceipt(id)');
  expectArgsList(output, 'proceso');
  expect(value.children.map((c) => c.id), say('un informe por comprobante, en el orden de ids',
    'one report per receipt, in the order of ids')).toEqual([11, 12, 13]);
  for (const child of value.children) {
    expect(child.exitcode, say(`el hijo del comprobante ${child.id} debía terminar con código 0`,
      `the child of receipt ${child.id} should end with exit code 0`)).toBe(0);
    expect(child.name, say('cada comprobante se valida en un proceso hijo, no en MainProcess',
      'each receipt is checked in a child process, not in MainProcess')).not.toBe('MainProcess');
  }
  expect(new Set(value.children.map((c) => c.pid)).size, say('tres procesos distintos, tres pids distintos',
    'three different processes, three different pids')).toBe(3);
  expect(value.failed, say('ningún comprobante falló', 'no receipt failed')).toEqual([]);
  const me = mp.currentProcess().pid;
  for (const child of value.children) {
    expect(output, say('la línea que imprime el hijo', 'the line the child prints')).toContain(
      `Comprobante ${child.id} validado por ${child.name} (pid ${child.pid}, padre ${me})`);
  }
});

test('checkAll reports an unreadable receipt in failed', async () => {
  const { value } = await simulate(() => checkAll([5, -1]));
  const exits = value.children.map((c) => c.exitcode);
  expectLesson(!(exits[1] === 1 && value.failed.length === 0), 'error-swallowed', [
    'el hijo de -1 terminó con código 1 y failed está vacío: el error de un hijo solo llega al padre como exitcode, y no lo estás mirando. failed son los ids cuyo hijo tiene exitcode !== 0',
    'the child of -1 ended with exit code 1 and failed is empty: a child\'s error reaches the parent only as its exitcode, and you are not looking at it. failed is the ids whose child has exitcode !== 0']);
  expect(value.children.map((c) => c.exitcode), say('el hijo de -1 lanza un Error: código de salida 1',
    'the child of -1 throws an Error: exit code 1')).toEqual([0, 1]);
  expect(value.failed, say('failed lista los comprobantes cuyo hijo falló',
    'failed lists the receipts whose child failed')).toEqual([-1]);
});

test('checkAll of an empty list starts nothing', async () => {
  const { value } = await simulate(() => checkAll([]));
  expect(value, say('con una lista vacía no hay hijos ni fallos', 'an empty list gives no children and no failures'))
    .toEqual({ children: [], failed: [] });
});

test('burnWithThreads runs each job in its own thread of the main process', async () => {
  const { output } = await simulate(() => burnWithThreads([1, 2]));
  expectTargetPassed(output, 'burn(r)');
  expectArgsList(output, 'hilo');
  const starts = output.filter((line) => line.includes(' empieza '));
  expect(starts.length, say('burn debe ejecutarse una vez por trabajo', 'burn must run once per job')).toBe(2);
  for (const line of starts) {
    expect(line, say('cada trabajo en un hilo Thread-N del proceso principal (no en MainThread)',
      'each job in a Thread-N thread of the main process (not in MainThread)')).toMatch(/^MainProcess\/Thread-\d+/);
  }
});
