// The class grading workflow's promises, checked on the real grade-class.yml and on edits that would
// break each one: the token only in plan and publish, nothing that can read in the jobs running student code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { classWorkflowProblems } from './policy.ts';

const FILE = join(import.meta.dirname, '..', '..', '.github', 'workflows', 'grade-class.yml');
type Wf = { on: Record<string, unknown>; env: Record<string, string>; jobs: Record<string, { permissions: unknown; steps: Record<string, unknown>[] }> };
const load = (): Wf => parse(readFileSync(FILE, 'utf8')) as Wf;
const problems = (edit: (wf: Wf) => void): string => {
  const wf = load();
  edit(wf);
  return classWorkflowProblems(wf).join('\n');
};

describe('class grading workflow policy', () => {
  test('grade-class.yml keeps every promise', () => {
    expect(classWorkflowProblems(load())).toEqual([]);
  });

  test('a token in the job that runs student code, by permission, secret or checkout, is refused', () => {
    expect(problems((wf) => { wf.jobs['grade']!.permissions = { contents: 'read' }; })).toMatch(/permissions: \{\}/);
    expect(problems((wf) => { wf.jobs['grade']!.steps.at(-2)!['env'] = { CHUNK: '1', T: '${{ secrets.CLASS_TOKEN }}' }; })).toMatch(/only the plan and publish steps may reference secrets/);
    expect(problems((wf) => { wf.jobs['grade']!.steps.unshift({ uses: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', with: { 'persist-credentials': false } }); })).toMatch(/never a checkout/);
    expect(problems((wf) => { wf.jobs['grade']!.steps.at(-1)!['with'] = { name: 'x', path: '${{ runner.temp }}/class/' }; })).toMatch(/results only/);
  });

  test('a secret in the gatherer or at workflow level, or an automatic trigger, is refused', () => {
    expect(problems((wf) => { wf.jobs['gather']!.steps.at(-2)!['env'] = { T: '${{ secrets.CLASS_TOKEN }}' }; })).toMatch(/only the plan and publish steps/);
    expect(problems((wf) => { wf.env = { T: '${{ secrets.CLASS_TOKEN }}' }; })).toMatch(/workflow-level env/);
    expect(problems((wf) => { wf.on['push'] = {}; })).toMatch(/only when an instructor dispatches it/);
  });
});
