// Shared pieces of the CLI commands.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { resolveLang, type Lang } from '../i18n.ts';
import { TOOL_ROOT } from '../paths.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  color: boolean;
  /** Standard input, read whole (`--key-file -`); tests inject it. */
  readStdin?: () => string;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  color: process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined,
};

const COMMON = {
  lang: { type: 'string' },
  course: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, env: NodeJS.ProcessEnv = process.env) {
  const all = { ...COMMON, ...options };
  try {
    return parseArgs({ args, options: all, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(explainParseError(error as Error & { code?: string }, Object.keys(all), langHint(args, env)));
  }
}

/** The language to talk in before the options are parsed (a wrong --lang falls back to the environment). */
export function langHint(args: string[], env: NodeJS.ProcessEnv): Lang {
  const index = args.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const flag = index < 0 ? undefined : args[index]?.includes('=') ? args[index]?.slice(7) : args[index + 1];
  try {
    return resolveLang(flag, env);
  } catch {
    return resolveLang(undefined, env);
  }
}

/** Options that belong to another command: say which one instead of "unknown option". */
const ELSEWHERE: Record<string, { es: string; en: string }> = {
  watch: { es: 'para volver a ejecutar los tests al guardar usa: npm run watch', en: 'to re-run the tests on save use: npm run watch' },
  json: { es: 'para la tabla en JSON usa: npm run progress -- --json', en: 'for the JSON table use: npm run progress -- --json' },
};

/** parseArgs's errors in the student's words, with the closest option when one was mistyped. */
function explainParseError(error: Error & { code?: string }, known: string[], lang: Lang): string {
  const unknown = /Unknown option '(-{1,2})([^']*)'/.exec(error.message);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== null) {
    const given = unknown[2] ?? '';
    const elsewhere = ELSEWHERE[given];
    const head = lang === 'es' ? `opción desconocida ${unknown[1]}${given}` : `unknown option ${unknown[1]}${given}`;
    if (elsewhere !== undefined) return `${head}: ${elsewhere[lang]}`;
    const close = closest(given, [...known, 'help']);
    if (close !== undefined) return `${head}: ${lang === 'es' ? '¿quisiste decir' : 'did you mean'} --${close}${lang === 'es' ? '?' : '?'}`;
    return `${head} (${lang === 'es' ? 'mira --help' : 'see --help'})`;
  }
  const missing = /Option '(--[^ ']+)[^']*' argument missing/.exec(error.message);
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && missing !== null) {
    return lang === 'es' ? `a ${missing[1]} le falta su valor (mira --help)` : `${missing[1]} needs a value (see --help)`;
  }
  return error.message;
}

/** Edit distance where a swap of two neighbours counts as one typo (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The candidate nearest to `given` if it is near enough to be a typo (or `given` is a prefix of it). */
export function closest(given: string, candidates: string[]): string | undefined {
  const lower = given.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = name.startsWith(lower) && lower.length >= 2 ? 0.5 : editDistance(lower, name);
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(1, Math.min(2, Math.floor(best.name.length / 3))) ? best.name : undefined;
}

export function courseRootOf(flag: string | undefined): string {
  return flag === undefined ? TOOL_ROOT : resolve(flag);
}

export function langOf(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  try {
    return resolveLang(flag, env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
