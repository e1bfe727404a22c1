// Test support for exercise 07 (course material, not part of the exercise): mistakes a test can read in what a
// program that starts threads and processes printed, named as lesson checks.
import { expectLesson } from '#course/kit';

/**
 * Every thread or child died spreading its args: `args: id` (a bare number) instead of `args: [id]`. Their
 * tracebacks end in the TypeError of spreading a number.
 */
export function expectArgsList(output: readonly string[], what: 'hilo' | 'proceso'): void {
  const en = what === 'hilo' ? 'thread' : 'process';
  expectLesson(!output.some((line) => /^TypeError: .*(Spread syntax|is not iterable)/.test(line)), 'args-not-list', [
    `cada ${what} murió con un TypeError al repartir sus args: args tiene que ser una lista con el valor, args: [x], no el número solo`,
    `every ${en} died with a TypeError spreading its args: args must be a list holding the value, args: [x], not the bare number`]);
}

/**
 * The target called instead of passed (`target: checkReceipt(id)`, `target: burn(r)`): the work ran right then,
 * in the parent's main thread, which printed its line.
 */
export function expectTargetPassed(output: readonly string[], call: string): void {
  const line = output.find((l) => l.includes(' validado por MainProcess ') || l.startsWith('MainProcess/MainThread '));
  expectLesson(line === undefined, 'target-called', [
    `el trabajo se hizo en el hilo principal del padre, no en un hilo nuevo ni en un proceso hijo («${line}»): target: ${call} llama a la función en ese momento y le da al hilo o proceso su resultado. Pasa la función y sus argumentos por separado: target: ${call.replace(/\(.*$/, '')}, args: [${call.replace(/^.*\((.*)\)$/, '$1')}]`,
    `the work ran in the parent's main thread, not in a new thread or a child process ("${line}"): target: ${call} calls the function right then and hands the thread or process its result. Pass the function and its arguments apart: target: ${call.replace(/\(.*$/, '')}, args: [${call.replace(/^.*\((.*)\)$/, '$1')}]`]);
}

/** Children that fail while importing the module (bootstrapping): top-level code started processes. */
export function expectMainGuard(output: readonly string[]): void {
  expectLesson(!output.some((l) => l.includes('bootstrapping')), 'missing-main-guard', [
    'los hijos fallan con RuntimeError (bootstrapping): tu módulo arranca procesos al importarse. Cada hijo lo vuelve a importar; pon ese código detrás de la guarda del proceso principal',
    'the children fail with RuntimeError (bootstrapping): your module starts processes when imported. Every child imports it again; put that code behind the main-process guard']);
}
