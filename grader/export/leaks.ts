// The export's last line of defence: scan the written template for anything that would leak —
// a solutions folder, an unsealed hidden test, or a distinctive line of a solution or hidden test.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../model/course.ts';
import { HIDDEN_TEST_FILE } from '../model/course.ts';

const MIN_LINE = 24;
const LEAK_LINES = 3;

function listFiles(root: string, relative = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, relative))) {
    if (name === 'node_modules' || name === '.git') continue;
    const rel = relative === '' ? name : `${relative}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out;
}

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line.length >= MIN_LINE);
}

/** Lines of `secret` that appear nowhere in the public material: finding one in the template is a leak. */
export function distinctiveLines(secret: string, publicTexts: string[]): string[] {
  const known = new Set(publicTexts.flatMap(lines));
  return [...new Set(lines(secret))].filter((line) => !known.has(line));
}

export interface LeakSource {
  label: string;
  text: string;
  /** The exercise's own public material (stub, visible tests, support files, statements). */
  publicTexts: string[];
}

/** Secrets of an authoring course: each solution file and each plain hidden test. */
export function secretsOf(courseRoot: string, exercises: Exercise[]): LeakSource[] {
  const secrets: LeakSource[] = [];
  const publicOf = (exercise: Exercise): string[] => readdirSync(exercise.dir)
    .filter((name) => name !== HIDDEN_TEST_FILE && !statSync(join(exercise.dir, name)).isDirectory())
    .map((name) => readFileSync(join(exercise.dir, name), 'utf8'));
  // Tests share idioms across exercises, so a hidden test is compared with every exercise's public material;
  // a solution only with its own exercise's (another exercise's stub or tests must never contain it).
  const allPublic = exercises.flatMap(publicOf);
  for (const exercise of exercises) {
    const publicTexts = publicOf(exercise);
    for (const file of exercise.meta.files) {
      const path = join(courseRoot, 'solutions', exercise.key, file);
      if (existsSync(path)) secrets.push({ label: `solutions/${exercise.key}/${file}`, text: readFileSync(path, 'utf8'), publicTexts });
    }
    if (exercise.hidden.kind === 'plain') {
      const path = join(exercise.dir, exercise.hidden.file);
      secrets.push({ label: `exercises/${exercise.key}/${HIDDEN_TEST_FILE}`, text: readFileSync(path, 'utf8'), publicTexts: allPublic });
    }
  }
  return secrets;
}

/**
 * Scans the written template. `toolTexts` are the tool files the export copies on purpose (runtime, grader,
 * configs, workflows): a secret's line that also appears there, or in its own exercise's public material,
 * is common code, not a leak.
 * Any other line of a solution or hidden test found in the output is a leak, as is a solutions/ path or an
 * unsealed hidden test file.
 */
export function scanForLeaks(outDir: string, secrets: LeakSource[], toolTexts: string[]): string[] {
  const problems: string[] = [];
  const files = listFiles(outDir);
  for (const file of files) {
    if (file === 'solutions' || file.startsWith('solutions/')) problems.push(`${file}: the solutions folder must not be exported`);
    if (file.endsWith(`/${HIDDEN_TEST_FILE}`) || file === HIDDEN_TEST_FILE) problems.push(`${file}: an unsealed hidden test`);
  }
  // Shared helper code makes single-line coincidences common; a leak is several distinctive lines of one
  // secret in one file (all of them when it has fewer than LEAK_LINES).
  const distinct = secrets.map((secret) => ({ label: secret.label, lines: distinctiveLines(secret.text, [...toolTexts, ...secret.publicTexts]) }));
  for (const file of files) {
    const present = new Set(lines(readFileSync(join(outDir, file), 'utf8')));
    for (const secret of distinct) {
      const found = secret.lines.filter((line) => present.has(line));
      if (found.length > 0 && found.length >= Math.min(LEAK_LINES, secret.lines.length)) {
        problems.push(`${file}: contains ${found.length} line(s) of ${secret.label}, e.g. "${(found[0] ?? '').slice(0, 60)}"`);
      }
    }
  }
  return problems;
}
