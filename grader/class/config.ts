// The class configuration (class/config.json in the grading repository): which roster, which deadline,
// which late policy, how to find each student's work. Every problem is named at once.
import { existsSync, readFileSync } from 'node:fs';
import type { Lang } from '../i18n.ts';

export type LatePolicy =
  | { policy: 'none' }
  | { policy: 'penalty'; percentPerDay: number; maxDays: number | null }
  | { policy: 'cutoff' };

export type GradingMode = 'students' | 'pull-requests';

export interface ClassConfig {
  assignment: string;
  roster: string;
  /** ISO 8601 with a time zone; null: no deadline (the last push is graded). */
  deadline: string | null;
  late: LatePolicy;
  /** students: each student's last push (to `branch`, or to any branch); pull-requests: every open PR. */
  mode: GradingMode;
  branch: string | null;
  /** The student template (owner/name and ref): what every student repository started from. */
  template: { repository: string; ref: string } | null;
  /** For a Classroom roster export: "owner/prefix-{username}". */
  repositoryPattern: string | null;
  chunkSize: number;
  lang: Lang;
  /** Pushes by these accounts are not the student's (Classroom creates each repository). */
  ignoreActors: string[];
  /** The commit status context results are posted under. */
  statusContext: string;
  /** The login CLASS_TOKEN acts as (a user, or "<app>[bot]"): only its own PR comment is updated. */
  commentAuthor: string;
}

export const DEFAULTS: Omit<ClassConfig, 'assignment'> = {
  roster: 'class/roster.csv', deadline: null, late: { policy: 'none' }, mode: 'students', branch: null, template: null,
  repositoryPattern: null, chunkSize: 10, lang: 'es', ignoreActors: ['github-classroom[bot]'], statusContext: 'course/grade', commentAuthor: 'github-actions[bot]',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deadline as a Date; refuses a time without a zone (it would silently mean the runner's UTC). */
export function parseDeadline(text: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new ConfigError(`deadline "${text}": write it as ISO 8601 with its time zone, e.g. 2026-12-18T23:59:00+01:00`);
  }
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new ConfigError(`deadline "${text}" is not a real date`);
  return date;
}

function latePolicy(value: unknown, problems: string[]): LatePolicy {
  if (value === undefined) return DEFAULTS.late;
  const late = isObj(value) ? value : {};
  const policy = late['policy'];
  if (policy === 'none' || policy === 'cutoff') return { policy };
  if (policy === 'penalty') {
    const percent = late['percentPerDay'];
    const maxDays = late['maxDays'] ?? null;
    if (typeof percent !== 'number' || !(percent > 0 && percent <= 100)) problems.push('late.percentPerDay: a number of points (percent of the total) lost per started day late, > 0 and <= 100');
    if (maxDays !== null && (typeof maxDays !== 'number' || !Number.isInteger(maxDays) || maxDays < 1)) problems.push('late.maxDays: a whole number of days >= 1 after which late work is not graded, or null');
    return { policy, percentPerDay: Number(percent), maxDays: maxDays as number | null };
  }
  problems.push('late.policy: one of "none" (late work graded, flagged), "penalty" (percentPerDay, maxDays) or "cutoff" (only work pushed before the deadline)');
  return DEFAULTS.late;
}

export function parseConfig(value: unknown, where = 'class configuration'): ClassConfig {
  if (!isObj(value)) throw new ConfigError(`${where}: expected a JSON object`);
  const problems: string[] = [];
  const string = (name: string, fallback: string | null, pattern?: RegExp): string | null => {
    const v = value[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string' || v === '' || (pattern !== undefined && !pattern.test(v))) {
      problems.push(`${name}: ${pattern === undefined ? 'a non-empty string' : `does not match ${pattern}`}`);
      return fallback;
    }
    return v;
  };
  const assignment = string('assignment', null, /^[\w .-]{1,80}$/);
  if (assignment === null) problems.push('assignment: the assignment\'s name (letters, digits, spaces, . _ -), used in artifact names and reports');
  const deadline = string('deadline', null);
  if (deadline !== null) {
    try {
      parseDeadline(deadline);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const mode = value['mode'] ?? DEFAULTS.mode;
  if (mode !== 'students' && mode !== 'pull-requests') problems.push('mode: "students" (each student\'s last push) or "pull-requests" (every open pull request)');
  const chunkSize = value['chunkSize'] ?? DEFAULTS.chunkSize;
  if (typeof chunkSize !== 'number' || !Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 100) problems.push('chunkSize: students per matrix job, a whole number from 1 to 100');
  const lang = value['lang'] ?? DEFAULTS.lang;
  if (lang !== 'es' && lang !== 'en') problems.push('lang: "es" or "en"');
  let template: ClassConfig['template'] = null;
  if (value['template'] !== undefined && value['template'] !== null) {
    const t = isObj(value['template']) ? value['template'] : {};
    if (typeof t['repository'] !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(t['repository'])) problems.push('template.repository: the student template as owner/name');
    template = { repository: String(t['repository']), ref: typeof t['ref'] === 'string' ? t['ref'] : 'main' };
  }
  const ignoreActors = value['ignoreActors'] ?? DEFAULTS.ignoreActors;
  if (!Array.isArray(ignoreActors) || !ignoreActors.every((a) => typeof a === 'string')) problems.push('ignoreActors: a list of GitHub logins');
  const late = latePolicy(value['late'], problems);
  if (late.policy !== 'none' && deadline === null) problems.push(`late.policy "${late.policy}" needs a deadline`);
  const known = new Set(['assignment', 'roster', 'deadline', 'late', 'mode', 'branch', 'template', 'repositoryPattern', 'chunkSize', 'lang', 'ignoreActors', 'statusContext', 'commentAuthor', '$comment']);
  for (const name of Object.keys(value)) if (!known.has(name)) problems.push(`${name}: unknown setting (known: ${[...known].filter((k) => k !== '$comment').join(', ')})`);
  const config: ClassConfig = {
    assignment: assignment ?? '', roster: string('roster', DEFAULTS.roster)!, deadline, late, mode: mode as GradingMode,
    branch: string('branch', null, /^[\w./-]+$/), template, repositoryPattern: string('repositoryPattern', null, /\{username\}/),
    chunkSize: chunkSize as number, lang: lang as Lang, ignoreActors: ignoreActors as string[], statusContext: string('statusContext', DEFAULTS.statusContext)!,
    commentAuthor: string('commentAuthor', DEFAULTS.commentAuthor)!,
  };
  if (problems.length > 0) throw new ConfigError(`${where}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return config;
}

export function loadConfig(path: string): ClassConfig {
  if (!existsSync(path)) throw new ConfigError(`${path} not found: create it (see README, "Grading a class"), e.g. {"assignment": "concurrency", "deadline": "2026-12-18T23:59:00+01:00"}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(json, path);
}
