// Hidden tests in the student template are sealed with AES-256-GCM under the instructor's GRADER_KEY
// (base64 of 32 random bytes). The header (exercise, number of tests, total weight) is authenticated
// too, so a student can neither read the tests nor swap or relabel a sealed file unnoticed.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const KEY_ENV = 'GRADER_KEY';
export const SEALED_FORMAT = 'course-sealed-tests';

export interface SealedFile {
  format: typeof SEALED_FORMAT;
  version: 1;
  algorithm: 'aes-256-gcm';
  exercise: string;
  tests: number;
  weight: number;
  iv: string;
  tag: string;
  data: string;
}

export class KeyError extends Error {
  override name = 'KeyError';
}

export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

/** Parses a GRADER_KEY value; the message says what a good key looks like. */
export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== 32) {
    throw new KeyError(`${KEY_ENV} must be base64 of exactly 32 bytes (44 characters, e.g. from "npx tsx grader/cli.ts keygen"); got ${trimmed.length} characters`);
  }
  return key;
}

/** The key from the environment, or undefined when it is not set. */
export function keyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const value = env[KEY_ENV];
  return value === undefined || value.trim() === '' ? undefined : parseKey(value);
}

function aad(exercise: string, tests: number, weight: number): Buffer {
  return Buffer.from(`${SEALED_FORMAT}\n${exercise}\n${tests}\n${weight}`);
}

export function seal(plaintext: string, key: Buffer, exercise: string, tests: number, weight: number): SealedFile {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(exercise, tests, weight));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    format: SEALED_FORMAT, version: 1, algorithm: 'aes-256-gcm', exercise, tests, weight,
    iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64'),
  };
}

export function parseSealed(text: string, file: string): SealedFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${file}: not a sealed test file (invalid JSON)`);
  }
  const sealed = raw as Partial<SealedFile>;
  if (sealed.format !== SEALED_FORMAT || sealed.version !== 1 || typeof sealed.exercise !== 'string'
    || typeof sealed.tests !== 'number' || typeof sealed.weight !== 'number'
    || typeof sealed.iv !== 'string' || typeof sealed.tag !== 'string' || typeof sealed.data !== 'string') {
    throw new Error(`${file}: not a sealed test file (missing or wrong fields)`);
  }
  return sealed as SealedFile;
}

export function unseal(sealed: SealedFile, key: Buffer, exercise: string): string {
  if (sealed.exercise !== exercise) throw new Error(`sealed tests belong to "${sealed.exercise}", not "${exercise}"`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(aad(sealed.exercise, sealed.tests, sealed.weight));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new KeyError(`cannot unseal the hidden tests of ${exercise}: wrong ${KEY_ENV} or a modified sealed file`);
  }
}
