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

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
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
