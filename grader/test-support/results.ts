// Test helper: small hand-made results for the report tests.
import { exerciseState, RESULT_SCHEMA_VERSION, type ExerciseResult, type GradeResult, type TestResult } from '../result.ts';

export function testResult(name: string, overrides: Partial<TestResult> = {}): TestResult {
  return {
    id: name, name, status: 'pass', score: 1, max_score: 1, visibility: 'visible', message: null, output: '', duration: 0.01,
    diagnosis: null, hint: null, ...overrides,
  };
}

export function exerciseResult(key: string, tests: TestResult[], overrides: Partial<ExerciseResult> = {}): ExerciseResult {
  const score = tests.reduce((sum, t) => sum + t.score, 0);
  const max = tests.reduce((sum, t) => sum + t.max_score, 0);
  const hidden = tests.filter((t) => t.visibility === 'hidden');
  const result: ExerciseResult = {
    id: key.slice(0, 2), key, title: `Title ${key}`, status: score === max ? 'pass' : 'fail', state: 'complete', score, max_score: max,
    error: null, hint: score === max ? null : 'a hint', hints_available: 1, hints: score === max ? [] : ['a hint'], tests,
    hidden: { total: hidden.length, passed: hidden.filter((t) => t.status === 'pass').length, pending: 0 },
    ...overrides,
  };
  return { ...result, state: overrides.state ?? exerciseState(result) };
}

export function gradeResult(exercises: ExerciseResult[], overrides: Partial<GradeResult> = {}): GradeResult {
  const score = exercises.reduce((sum, e) => sum + e.score, 0);
  const max = exercises.reduce((sum, e) => sum + e.max_score, 0);
  return {
    version: RESULT_SCHEMA_VERSION, status: score === max ? 'pass' : 'fail', score, max_score: max, lang: 'en', source: 'exercises',
    tamper: { checked: true, changed: [] }, errors: [], exercises, duration: 1.5, sandbox: 'none', timeline: null, ...overrides,
  };
}
