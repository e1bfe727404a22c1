// The output folder is the grader's: published whole, nothing foreign survives, a folder it does not own is refused.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../cli.ts';
import type { Io } from '../commands/common.ts';
import { buildCourse } from '../test-support/course-builder.ts';
import { overrideSandboxProbeForTests } from '../run/sandbox.ts';
import { checkOutputFolder, OWNER_MARKER, OutputFolderError, publishFolder } from './publish.ts';

const scratch = mkdtempSync(join(tmpdir(), 'grader-publish-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const fresh = (): string => join(scratch, `out-${counter++}`);

describe('publishFolder', () => {
  test('writes every file and the owner marker into a folder that did not exist', () => {
    const out = fresh();
    const published = publishFolder(out, { 'result.json': '{}\n', 'report.txt': 'r' });
    expect(readdirSync(out).sort()).toEqual([OWNER_MARKER, 'report.txt', 'result.json']);
    expect(published).toEqual({ files: [join(out, 'result.json'), join(out, 'report.txt')], removed: [] });
    expect(readdirSync(scratch).filter((name) => name.includes('staging'))).toEqual([]);
  });

  test('a file written into its own folder since the last grading does not survive the next one', () => {
    const out = fresh();
    publishFolder(out, { 'result.json': 'old' });
    writeFileSync(join(out, 'results.json'), '{"score": 100}');
    mkdirSync(join(out, 'nested'));
    const published = publishFolder(out, { 'result.json': 'new' }, 'before-grading');
    expect(readdirSync(out).sort()).toEqual([OWNER_MARKER, 'result.json']);
    expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe('new');
    expect(published.removed.sort()).toEqual(['nested', 'results.json']);
  });

  test('a folder it does not own is refused and left as it was', () => {
    const out = fresh();
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.tex'), 'mine');
    expect(() => publishFolder(out, { 'result.json': '{}' })).toThrow(OutputFolderError);
    expect(readdirSync(out)).toEqual(['thesis.tex']);
  });
});

describe('checkOutputFolder (before grading)', () => {
  test('accepts an absent or empty folder, its own folder, and a folder of report files from before the marker', () => {
    const empty = fresh();
    mkdirSync(empty);
    const legacy = fresh();
    mkdirSync(legacy);
    writeFileSync(join(legacy, 'result.json'), '{}');
    const owned = fresh();
    publishFolder(owned, { 'result.json': '{}' });
    writeFileSync(join(owned, 'stray.txt'), 'x');
    for (const dir of [fresh(), empty, legacy, owned]) expect(() => checkOutputFolder(dir, ['result.json'])).not.toThrow();
  });

  test('refuses a folder with other files, naming them, and a path that is a file', () => {
    const foreign = fresh();
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.md'), 'x');
    expect(() => checkOutputFolder(foreign, ['result.json'])).toThrow(/already holds files the grader did not write \(notes\.md\)/);
    const file = fresh();
    writeFileSync(file, 'x');
    expect(() => checkOutputFolder(file, ['result.json'])).toThrow(/is not a folder/);
  });
});

describe('grade --out', () => {
  function io(): Io & { text: () => string } {
    let text = '';
    return { out: (t) => { text += t; }, err: (t) => { text += t; }, env: {}, color: false, text: () => text };
  }

  test('a results.json that student code wrote into the output folder during the run is removed, and said so', async () => {
    // Without a sandbox (forced here): inside one the write never reaches the folder (read-only, not even visible).
    overrideSandboxProbeForTests(() => ({ kind: 'none', reason: 'forced by the test' }));
    const out = fresh();
    const course = buildCourse([{
      slug: 'forger',
      submission: [
        "import { mkdirSync, writeFileSync } from 'node:fs';",
        `try { mkdirSync(${JSON.stringify(out)}, { recursive: true }); writeFileSync(${JSON.stringify(join(out, 'results.json'))}, '{"score": 10}'); } catch { /* sandboxed */ }`,
        'export function add(a: number, b: number): number { return a - b; }',
      ].join('\n'),
    }]);
    try {
      const channel = io();
      const code = await main(['grade', '--course', course.root, '--solutions', '--out', out, '--lang', 'en'], channel);
      expect(code).toBe(1);
      expect(existsSync(join(out, 'results.json'))).toBe(false);
      expect(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'))).toMatchObject({ score: 0, sandbox: 'none' });
      expect(channel.text()).toContain(`grade: removed from ${out} files the grader did not write: results.json`);
    } finally {
      overrideSandboxProbeForTests(undefined);
      course.dispose();
    }
  }, 60_000);

  test('a folder the grader does not own is refused before grading, with exit code 2', async () => {
    const out = fresh();
    mkdirSync(out);
    writeFileSync(join(out, 'notes.md'), 'x');
    const channel = io();
    const course = buildCourse([{ slug: 'any', submission: 'export function add(a: number, b: number): number { return a + b; }\n' }]);
    try {
      expect(await main(['grade', '--course', course.root, '--solutions', '--out', out, '--lang', 'es'], channel)).toBe(2);
      expect(channel.text()).toContain('ya contiene archivos que no escribió el corrector (notes.md)');
      expect(readdirSync(out)).toEqual(['notes.md']);
    } finally {
      course.dispose();
    }
  });
});
