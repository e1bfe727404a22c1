// Hostile submissions stopped by the static gate, before any test runs (no vitest process needed).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { grade } from '../grading.ts';
import type { ExerciseResult } from '../result.ts';
import { buildCourse, GOOD_ADD, type SyntheticCourse } from '../test-support/course-builder.ts';

const hostile = {
  spawn: [
    "import { spawn } from 'node:child_process';",
    'export function add(a: number, b: number): number {',
    "  for (;;) spawn('sleep', ['100']);",
    '  return a + b;',
    '}',
  ].join('\n'),
  'spawn-dynamic': [
    "const name = ['child', 'process'].join('_');",
    'export async function add(a: number, b: number): Promise<number> {',
    '  await import(name);',
    '  return a + b;',
    '}',
  ].join('\n'),
  'import-vitest': "import { expect } from 'vitest';\nvoid expect;\nexport function add(a: number, b: number): number { return a + b; }\n",
  'import-solutions': "export { add } from '../../solutions/01-add/exercise.ts';\n",
  syntax: 'export function add(a: number, b: number): number {\n  return a +;\n}\n',
  'wrong-export': 'export function sum(a: number, b: number): number { return a + b; }\n',
} satisfies Record<string, string>;

let course: SyntheticCourse;
const byName = new Map<string, ExerciseResult>();
let status = '';

beforeAll(async () => {
  course = buildCourse(Object.entries(hostile).map(([slug, submission]) => ({ slug, submission, withHidden: false })));
  const result = await grade({ courseRoot: course.root, source: { kind: 'solutions' }, lang: 'en', hidden: true });
  status = result.status;
  for (const exercise of result.exercises) byName.set(exercise.key.slice(3), exercise);
}, 60_000);

afterAll(() => course.dispose());

function verdict(name: keyof typeof hostile): ExerciseResult {
  const found = byName.get(name);
  if (found === undefined) throw new Error(`no result for ${name}`);
  return found;
}

describe('the static gate', () => {
  test('starting processes is refused, even through a computed import', () => {
    expect(verdict('spawn')).toMatchObject({ status: 'error', score: 0, error: { kind: 'policy' } });
    expect(verdict('spawn').error?.message).toMatch(/child_process/);
    expect(verdict('spawn-dynamic')).toMatchObject({ error: { kind: 'policy' } });
  });

  test('importing the test framework or the solutions is refused', () => {
    expect(verdict('import-vitest')).toMatchObject({ score: 0, error: { kind: 'policy' } });
    expect(verdict('import-solutions')).toMatchObject({ score: 0, error: { kind: 'policy' } });
  });

  test('a syntax error names the line', () => {
    expect(verdict('syntax')).toMatchObject({ score: 0, error: { kind: 'syntax' } });
    expect(verdict('syntax').error?.message).toMatch(/exercise\.ts:2/);
  });

  test('a wrong export name is explained once, not as N red tests', () => {
    const wrong = verdict('wrong-export');
    expect(wrong).toMatchObject({ score: 0, error: { kind: 'missing-export' }, tests: [] });
    expect(wrong.error?.message).toMatch(/does not export add.*now exports: sum/);
  });

  test('a policy violation makes the grading an error (exit code 2)', () => {
    expect(status).toBe('error');
  });
});

test('GOOD_ADD passes the gate', async () => {
  const good = buildCourse([{ slug: 'good', submission: GOOD_ADD, withHidden: false }]);
  try {
    const { checkGate } = await import('./gate.ts');
    const { loadCourse } = await import('../model/course.ts');
    const exercise = loadCourse(good.root).exercises[0]!;
    expect(checkGate(exercise, `${good.root}/solutions/${exercise.key}`, [])).toEqual([]);
  } finally {
    good.dispose();
  }
});

describe('the gate reads the file as the test run will (oxc, the parser Vite uses)', () => {
  async function gateOf(submission: string, tests: string[] = ["import { add } from './exercise.ts';"]): Promise<string[]> {
    const course = buildCourse([{ slug: 'probe', submission, withHidden: false }]);
    try {
      const { checkGate } = await import('./gate.ts');
      const { loadCourse } = await import('../model/course.ts');
      const exercise = loadCourse(course.root).exercises[0]!;
      return checkGate(exercise, `${course.root}/solutions/${exercise.key}`, tests).map((problem) => `${problem.kind}: ${problem.message.en}`);
    } finally {
      course.dispose();
    }
  }

  test('names the line of a syntax error after non-ASCII text', async () => {
    expect(await gateOf("const s = 'ñ😀';\nexport function add(a: number, b: number): number {\n  return a +;\n}\n"))
      .toEqual([expect.stringMatching(/^syntax: syntax error in exercise\.ts:3: /)]);
  });

  test('catches framework names in private fields, template literals and import = require', async () => {
    const problems = await gateOf([
      "import fs = require('node:child_process');",
      'class Spy { #__vitest_worker = 1; }',
      'const where = `chai`;',
      'export const add = (a: number, b: number): number => a + b;',
      'void fs; void Spy; void where;',
    ].join('\n'));
    expect(problems).toEqual([
      expect.stringMatching(/^policy: exercise\.ts:1: "node:child_process" cannot be imported/),
      expect.stringMatching(/^policy: exercise\.ts:2: __vitest_worker cannot be used/),
      expect.stringMatching(/^policy: exercise\.ts:3: that string points at the test framework/),
    ]);
  });

  test('a default-exported function does not export its name; renamed and type-only imports are understood', async () => {
    expect(await gateOf('export default function add(a: number, b: number): number { return a + b; }\n'))
      .toEqual([expect.stringMatching(/^missing-export: exercise\.ts does not export add .*now exports: default/)]);
    const fine = 'const sum = (a: number, b: number): number => a + b;\nexport { sum as add };\nexport type Pair = [number, number];\n';
    expect(await gateOf(fine, ["import { add as plus, type Pair } from './exercise.ts';\nimport type { Missing } from './exercise.ts';"])).toEqual([]);
  });
});
