// The export's last line of defence: scan the written template for anything that would leak —
// a solutions folder, an unsealed hidden test, or a distinctive line of a solution or hidden test.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../model/course.ts';
import { HIDDEN_TEST_FILE } from '../model/course.ts';

const MIN_LINE = 24;

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
  publicTexts: string[];
}

/** Secrets of an authoring course: each solution file and each plain hidden test. */
export function secretsOf(courseRoot: string, exercises: Exercise[]): LeakSource[] {
  const secrets: LeakSource[] = [];
  for (const exercise of exercises) {
    const publicTexts = readdirSync(exercise.dir)
      .filter((name) => name !== HIDDEN_TEST_FILE && !statSync(join(exercise.dir, name)).isDirectory())
      .map((name) => readFileSync(join(exercise.dir, name), 'utf8'));
    for (const file of exercise.meta.files) {
      const path = join(courseRoot, 'solutions', exercise.key, file);
      if (existsSync(path)) secrets.push({ label: `solutions/${exercise.key}/${file}`, text: readFileSync(path, 'utf8'), publicTexts });
    }
    if (exercise.hidden.kind === 'plain') {
      const path = join(exercise.dir, exercise.hidden.file);
      secrets.push({ label: `exercises/${exercise.key}/${HIDDEN_TEST_FILE}`, text: readFileSync(path, 'utf8'), publicTexts });
    }
  }
  return secrets;
}

export function scanForLeaks(outDir: string, secrets: LeakSource[]): string[] {
  const problems: string[] = [];
  const files = listFiles(outDir);
  for (const file of files) {
    if (file === 'solutions' || file.startsWith('solutions/')) problems.push(`${file}: the solutions folder must not be exported`);
    if (file.endsWith(`/${HIDDEN_TEST_FILE}`) || file === HIDDEN_TEST_FILE) problems.push(`${file}: an unsealed hidden test`);
  }
  const needles = secrets.flatMap((secret) => distinctiveLines(secret.text, secret.publicTexts).map((line) => ({ line, label: secret.label })));
  for (const file of files) {
    const text = readFileSync(join(outDir, file), 'utf8');
    for (const needle of needles) {
      if (text.includes(needle.line)) problems.push(`${file}: contains a line of ${needle.label}: "${needle.line.slice(0, 60)}"`);
    }
  }
  return problems;
}
