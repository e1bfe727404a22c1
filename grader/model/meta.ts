// meta.json: the contract between an exercise folder and the grader (see grader/README.md).
// Validation collects every problem with the file and field named, so authors fix all at once.
import { readFileSync } from 'node:fs';
import type { Bilingual } from '../i18n.ts';

export type HiddenFeedback = 'message' | 'name-only';

/** Per-test bilingual texts keyed by the test's name (its language-independent id). */
export type PerTest = Record<string, Bilingual>;

export interface Meta {
  id: string;
  slug: string;
  title: Bilingual;
  points: number;
  topics: string[];
  section: string;
  hints: { es: string[]; en: string[] };
  files: string[];
  timeLimit: number;
  weights: Record<string, number>;
  hiddenFeedback: HiddenFeedback;
  /** A failing test's own hint, shown before the exercise's general hints. */
  testHints: PerTest;
  /** A test's title in each language (reports fall back to the name). */
  testTitles: PerTest;
}

export class MetaError extends Error {
  readonly file: string;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`${file}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'MetaError';
    this.file = file;
    this.problems = problems;
  }
}

export const DEFAULT_TIME_LIMIT = 20;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function stringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Validates parsed meta.json content; `file` only labels the errors. */
export function validateMeta(raw: unknown, file: string): Meta {
  const problems: string[] = [];
  if (!isObject(raw)) throw new MetaError(file, ['the file must contain a JSON object']);
  const need = (field: string, ok: boolean, what: string): void => {
    if (!ok) problems.push(`field "${field}": ${what}`);
  };

  need('id', typeof raw['id'] === 'string' && /^\d{2,}$/.test(raw['id']), 'must be a string of digits such as "01"');
  need('slug', typeof raw['slug'] === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(raw['slug']),
    'must be kebab-case such as "threads-args"');
  const title = raw['title'];
  need('title', isObject(title) && nonEmptyString(title['es']) && nonEmptyString(title['en']),
    'must be { "es": "...", "en": "..." } with both texts');
  const points = raw['points'];
  need('points', typeof points === 'number' && Number.isFinite(points) && points > 0, 'must be a number > 0');
  need('topics', raw['topics'] === undefined || stringArray(raw['topics']), 'must be an array of strings');
  need('section', raw['section'] === undefined || typeof raw['section'] === 'string', 'must be a string');
  const hints = raw['hints'];
  if (hints !== undefined) {
    if (!isObject(hints) || !stringArray(hints['es']) || !stringArray(hints['en'])) {
      problems.push('field "hints": must be { "es": [...], "en": [...] } with arrays of strings');
    } else if (hints['es'].length !== hints['en'].length) {
      problems.push(`field "hints": "es" has ${hints['es'].length} hints but "en" has ${hints['en'].length}`);
    }
  }
  const files = raw['files'];
  if (files !== undefined) {
    if (!stringArray(files) || files.length === 0) {
      problems.push('field "files": must be a non-empty array of file names');
    } else {
      for (const name of files) {
        if (name.startsWith('/') || name.split(/[\\/]/).includes('..') || name.trim() === '') {
          problems.push(`field "files": "${name}" must be a relative path inside the exercise folder`);
        } else if (/\.test\.ts$/.test(name) || name === 'meta.json') {
          problems.push(`field "files": "${name}" is course material and cannot be changeable`);
        }
      }
    }
  }
  const timeLimit = raw['timeLimit'];
  need('timeLimit', timeLimit === undefined || (typeof timeLimit === 'number' && timeLimit > 0 && timeLimit <= 600),
    'must be a number of seconds in (0, 600]');
  const weights = raw['weights'];
  if (weights !== undefined) {
    if (!isObject(weights)) problems.push('field "weights": must be an object { "<test name>": weight }');
    else {
      for (const [name, weight] of Object.entries(weights)) {
        if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
          problems.push(`field "weights": weight of "${name}" must be a number >= 0`);
        }
      }
    }
  }
  const perTest = (field: 'testHints' | 'testTitles'): void => {
    const value = raw[field];
    if (value === undefined) return;
    if (!isObject(value)) {
      problems.push(`field "${field}": must be an object { "<test name>": { "es": "...", "en": "..." } }`);
      return;
    }
    for (const [name, texts] of Object.entries(value)) {
      if (!isObject(texts) || !nonEmptyString(texts['es']) || !nonEmptyString(texts['en'])) {
        problems.push(`field "${field}": "${name}" must be { "es": "...", "en": "..." } with both texts`);
      }
    }
  };
  perTest('testHints');
  perTest('testTitles');
  const feedback = raw['hiddenFeedback'];
  need('hiddenFeedback', feedback === undefined || feedback === 'message' || feedback === 'name-only',
    'must be "message" or "name-only"');

  if (problems.length > 0) throw new MetaError(file, problems);
  const validTitle = title as { es: string; en: string };
  const validHints = (hints ?? { es: [], en: [] }) as { es: string[]; en: string[] };
  return {
    id: raw['id'] as string,
    slug: raw['slug'] as string,
    title: { es: validTitle.es, en: validTitle.en },
    points: points as number,
    topics: (raw['topics'] as string[] | undefined) ?? [],
    section: (raw['section'] as string | undefined) ?? '',
    hints: { es: [...validHints.es], en: [...validHints.en] },
    files: (files as string[] | undefined) ?? ['exercise.ts'],
    timeLimit: (timeLimit as number | undefined) ?? DEFAULT_TIME_LIMIT,
    weights: { ...((weights as Record<string, number> | undefined) ?? {}) },
    hiddenFeedback: (feedback as HiddenFeedback | undefined) ?? 'message',
    testHints: copyPerTest(raw['testHints']),
    testTitles: copyPerTest(raw['testTitles']),
  };
}

function copyPerTest(value: unknown): PerTest {
  const out: PerTest = {};
  for (const [name, texts] of Object.entries((value ?? {}) as Record<string, Bilingual>)) out[name] = { es: texts.es, en: texts.en };
  return out;
}

export function loadMeta(file: string): Meta {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MetaError(file, [`cannot read the file: ${(error as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MetaError(file, [`invalid JSON: ${(error as Error).message}`]);
  }
  return validateMeta(raw, file);
}
