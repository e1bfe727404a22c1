// Assertion integrity: a vitest setup file of every grading run, evaluated in the test worker before the
// test file (and so before any student module) loads. It locks what decides a test's verdict, so that code
// which reaches the framework anyway (computed names, an indirect eval, a computed import(): the static
// gate is only the first line) cannot make a failing assertion pass:
// - every matcher on chai's Assertion prototype and in vitest's matcher table is replaced by an accessor
//   that always returns the original and ignores writes: `expect.extend`, `vi.spyOn`, `chai.util.*` or a
//   plain assignment change nothing, and each attempt is recorded;
// - the intrinsics the matchers call at run time (Object.is, Object.keys, Array.isArray, Map/Set methods,
//   String/RegExp methods, Math, JSON, Reflect...) and the global bindings naming them are made read-only;
// - `process.send` (vitest keeps its own bound copy) and the native escape hatches are refused;
// - a test's verdict, once failed, stays failed: a hook (onTestFailed, afterEach...) that rewrites
//   `task.result` to "pass", or sets `task.fails`, changes nothing and is recorded.
// The entry file's canary (workspace.ts) then runs a failing assertion of each matcher family and asks
// `integrityProblems()` whether anything was attempted; its verdict is what the grader trusts.
import { chai, customMatchers } from '@vitest/expect';
import { beforeEach, expect } from 'vitest';

const problems: string[] = [];
// Captured now: student code may replace the globals later, never these bindings.
const { defineProperty, getOwnPropertyDescriptor, getOwnPropertyNames, getOwnPropertySymbols, getPrototypeOf } = Object;
const push = (text: string): void => {
  if (problems.length < 20) problems[problems.length] = text;
};

type Key = string | symbol;

function keysOf(target: object): Key[] {
  return [...getOwnPropertyNames(target), ...getOwnPropertySymbols(target)];
}

/** Matchers vitest itself registers again whenever a test asks for its context `expect`: not an attempt. */
const REREGISTERED = new Set<Key>(Object.keys(customMatchers));

/**
 * Replaces each own property of a matcher table with a non-configurable accessor: reads return the value
 * captured now, writes are ignored and recorded.
 */
function lockTable(table: object, label: string): void {
  for (const key of keysOf(table)) {
    const descriptor = getOwnPropertyDescriptor(table, key);
    if (descriptor === undefined || descriptor.configurable !== true) continue;
    if ('value' in descriptor) {
      if (descriptor.writable !== true) continue;
      const original: unknown = descriptor.value;
      defineProperty(table, key, {
        configurable: false,
        enumerable: descriptor.enumerable ?? false,
        get: () => original,
        set: (value: unknown) => {
          if (value !== original && !REREGISTERED.has(key)) push(`${label}.${String(key)} was replaced`);
        },
      });
    } else {
      defineProperty(table, key, { ...descriptor, configurable: false });
    }
  }
}

/**
 * Locks each function-valued property (and every accessor) of an intrinsic. On a constructor or namespace
 * (`Object.is`, `Math.abs`, `JSON.stringify`) an assignment is ignored and recorded, as on the matcher tables.
 * On a prototype the method becomes read-only instead: assigning an own `toString` to one object must not
 * count as an attempt, and throws rather than silently doing nothing.
 */
function lockIntrinsic(target: object, label: string, kind: 'statics' | 'prototype'): void {
  for (const key of keysOf(target)) {
    const descriptor = getOwnPropertyDescriptor(target, key);
    if (descriptor === undefined || descriptor.configurable !== true) continue;
    // Plain data (Error.prototype.name, Symbol.length...) stays as it is: assigning an own `name` to an
    // instance must keep working, which a read-only inherited property would forbid.
    if ('value' in descriptor && typeof descriptor.value !== 'function' && typeof descriptor.value !== 'object') continue;
    if (!('value' in descriptor)) defineProperty(target, key, { ...descriptor, configurable: false });
    else if (kind === 'prototype' || descriptor.writable !== true) defineProperty(target, key, { ...descriptor, writable: false, configurable: false });
    else {
      const original: unknown = descriptor.value;
      defineProperty(target, key, {
        configurable: false,
        enumerable: descriptor.enumerable ?? false,
        get: () => original,
        set: (value: unknown) => {
          if (value !== original) push(`${label}.${String(key)} was replaced`);
        },
      });
    }
  }
}

const g = globalThis as unknown as Record<string, unknown>;
/** The intrinsics the matchers use at run time. Error and Date stay open: tools set stackTraceLimit and fake the clock. */
const INTRINSICS = ['Object', 'Array', 'Function', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'Map', 'Set', 'WeakMap', 'WeakSet',
  'RegExp', 'Promise', 'ArrayBuffer', 'DataView', 'Reflect', 'Math', 'JSON'];

function lockIntrinsics(): void {
  for (const name of INTRINSICS) {
    const value = g[name] as object | undefined;
    if (value === undefined) continue;
    lockIntrinsic(value, name, 'statics');
    const prototype = (value as { prototype?: object }).prototype;
    if (prototype !== undefined) lockIntrinsic(prototype, `${name}.prototype`, 'prototype');
    const binding = getOwnPropertyDescriptor(globalThis, name);
    if (binding?.configurable === true) defineProperty(globalThis, name, { value, writable: false, configurable: false, enumerable: false });
  }
  // Iterators the equality of arrays, maps and sets walks through.
  for (const sample of [[][Symbol.iterator](), new Map()[Symbol.iterator](), new Set()[Symbol.iterator]()]) {
    const prototype = getPrototypeOf(sample) as object;
    lockIntrinsic(prototype, 'an iterator prototype', 'prototype');
    lockIntrinsic(getPrototypeOf(prototype) as object, 'the iterator prototype', 'prototype');
  }
}

/** The global symbols through which vitest finds expect and its matcher state: fixed to their current values. */
function lockExpectGlobals(): void {
  for (const name of ['expect-global', '$$jest-matchers-object', 'matchers-object', 'asymmetric-matchers-object']) {
    const symbol = Symbol.for(name);
    const descriptor = getOwnPropertyDescriptor(globalThis, symbol);
    if (descriptor?.configurable === true) {
      defineProperty(globalThis, symbol, 'value' in descriptor ? { ...descriptor, writable: false, configurable: false } : { ...descriptor, configurable: false });
    }
  }
}

/** Student code may not talk to the grader's processes itself, nor reach native internals. */
function lockProcess(): void {
  const refuse = (what: string) => (): never => {
    push(`${what} was called`);
    throw new Error(`${what}: not available while grading / no disponible durante la corrección`);
  };
  const target = process as unknown as Record<string, unknown>;
  for (const name of ['send', 'binding', '_linkedBinding', 'dlopen', 'reallyExit', '_rawDebug']) {
    if (name === 'send' && typeof target['send'] !== 'function') continue;
    defineProperty(process, name, { value: refuse(`process.${name}`), writable: false, configurable: false, enumerable: false });
  }
  const getBuiltinModule = target['getBuiltinModule'] as ((id: string) => unknown) | undefined;
  if (typeof getBuiltinModule === 'function') {
    const blocked = /^(node:)?(inspector|inspector\/promises|vm|v8|module|worker_threads|child_process|cluster|repl|trace_events|wasi)$/;
    defineProperty(process, 'getBuiltinModule', {
      value: (id: string) => {
        if (blocked.test(String(id))) refuse(`process.getBuiltinModule('${String(id)}')`)();
        return getBuiltinModule.call(process, id);
      },
      writable: false, configurable: false, enumerable: false,
    });
  }
}

interface ResultLike {
  state?: string;
}
interface TaskLike {
  name: string;
  fails?: boolean;
  result?: ResultLike;
}

/** A failed result stays failed: its `state` becomes an accessor that refuses to leave "fail". */
function stickyFail(result: ResultLike, label: string): void {
  const descriptor = getOwnPropertyDescriptor(result, 'state');
  if (descriptor === undefined || descriptor.configurable !== true) return;
  let state = result.state;
  defineProperty(result, 'state', {
    enumerable: true,
    configurable: false,
    get: () => state,
    set: (value: string) => {
      if (state === 'fail' && value !== 'fail') push(`the failed verdict of "${label}" was rewritten to "${value}"`);
      else state = value;
    },
  });
}

/**
 * Guards one test's verdict before its own hooks run (this file's beforeEach is registered first): `result`
 * and its `state` refuse to turn a failure into anything else, and `fails` (vitest's "expected to fail" flag,
 * which flips the verdict) keeps its declared value. A test declared with `.fails` is left alone.
 */
function guardVerdict(task: TaskLike): void {
  const label = task.name;
  const declaredFails = task.fails === true;
  if (!declaredFails) {
    defineProperty(task, 'fails', {
      enumerable: true, configurable: false,
      get: () => undefined,
      set: (value: unknown) => {
        if (value !== undefined && value !== false) push(`"${label}" was marked as expected to fail`);
      },
    });
  }
  if (declaredFails || getOwnPropertyDescriptor(task, 'result')?.configurable !== true) return;
  let current = task.result;
  if (current !== undefined) stickyFail(current, label);
  defineProperty(task, 'result', {
    enumerable: true,
    configurable: false,
    get: () => current,
    set: (value: ResultLike | undefined) => {
      if (current?.state === 'fail' && value?.state !== 'fail') {
        push(`the failed result of "${label}" was replaced`);
        return;
      }
      current = value;
      if (value !== undefined) stickyFail(value, label);
    },
  });
}

beforeEach((context) => guardVerdict(context.task as unknown as TaskLike));

const assertionPrototype = chai.Assertion.prototype as object;
const jestState = (globalThis as unknown as Record<symbol, { matchers: object }>)[Symbol.for('$$jest-matchers-object')];
lockTable(assertionPrototype, 'Assertion.prototype');
if (jestState !== undefined) lockTable(jestState.matchers, 'expect matchers');
lockTable(chai.util, 'chai.util');
lockTable(expect, 'expect');
lockExpectGlobals();
lockIntrinsics();
lockProcess();

/** What was attempted against the assertion machinery since this worker started (empty: nothing). */
export function integrityProblems(): string[] {
  const found = [...problems];
  if (getPrototypeOf(expect(0)) !== assertionPrototype) found[found.length] = 'expect no longer builds chai assertions';
  return found;
}
