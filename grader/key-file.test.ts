// `grade --key-file`: the key from a private file or standard input, never from (or into) an environment.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from './cli.ts';
import type { Io } from './commands/common.ts';
import { readKeyFile } from './key-file.ts';
import { SEALED_FILE } from './model/course.ts';
import { generateKey, seal } from './seal.ts';
import { buildCourse } from './test-support/course-builder.ts';

const scratch = mkdtempSync(join(tmpdir(), 'grader-keyfile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function keyFile(name: string, content: string, mode = 0o600): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

describe('readKeyFile', () => {
  const key = generateKey();

  test('reads a private file (the first non-empty line, as keygen prints it)', () => {
    expect(readKeyFile(keyFile('good.key', `\n${key}\n`)).toString('base64')).toBe(key);
  });

  test('refuses a file other users can read, and says how to fix it', () => {
    expect(() => readKeyFile(keyFile('open.key', key, 0o644))).toThrow(/other users can read it \(mode 644\); run "chmod 600 /);
  });

  test('a missing file says how to make one', () => {
    expect(() => readKeyFile(join(scratch, 'absent.key'))).toThrow(/cannot read it \(ENOENT\); write the key there with "npx tsx grader\/cli.ts keygen > /);
  });

  test('"-" reads standard input; an empty one is explained', () => {
    expect(readKeyFile('-', () => `${key}\n`).toString('base64')).toBe(key);
    expect(() => readKeyFile('-', () => '')).toThrow(/standard input was empty/);
  });

  test('a malformed key says what a good one looks like', () => {
    expect(() => readKeyFile(keyFile('short.key', 'abc'))).toThrow(/base64 of exactly 32 bytes/);
  });
});

describe('grade --key-file', () => {
  const key = generateKey();
  const course = buildCourse([{ slug: 'sealed', submission: 'export function add(a: number, b: number): number { return a + b; }\n' }]);
  afterAll(() => course.dispose());
  const dir = join(course.root, 'exercises', course.keys[0] as string);
  writeFileSync(join(dir, SEALED_FILE), JSON.stringify(seal(readFileSync(join(dir, 'hidden.test.ts'), 'utf8'), Buffer.from(key, 'base64'), course.keys[0] as string, 2, 2)));
  rmSync(join(dir, 'hidden.test.ts'));

  function io(env: NodeJS.ProcessEnv = {}, stdin = ''): Io & { text: () => string } {
    let text = '';
    return { out: (t) => { text += t; }, err: (t) => { text += t; }, env, color: false, readStdin: () => stdin, text: () => text };
  }
  const result = (out: string): { exercises: { hidden: unknown }[] } => JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));

  test('from a file: the sealed hidden tests run', async () => {
    const out = join(scratch, 'file-out');
    const code = await main(['grade', '--course', course.root, '--solutions', '--out', out, '--key-file', keyFile('course.key', `${key}\n`)], io());
    expect(code).toBe(0);
    expect(result(out).exercises[0]?.hidden).toEqual({ total: 2, passed: 2, pending: 0 });
  }, 60_000);

  test('from standard input', async () => {
    const out = join(scratch, 'stdin-out');
    expect(await main(['grade', '--course', course.root, '--solutions', '--out', out, '--key-file', '-'], io({}, key))).toBe(0);
    expect(result(out).exercises[0]?.hidden).toEqual({ total: 2, passed: 2, pending: 0 });
  }, 60_000);

  test('with GRADER_KEY also set: refused, naming the environment as the leak', async () => {
    const channel = io({ GRADER_KEY: key });
    expect(await main(['grade', '--course', course.root, '--solutions', '--key-file', '-'], channel)).toBe(2);
    expect(channel.text()).toMatch(/--key-file and GRADER_KEY both give a key: unset GRADER_KEY/);
  });
});
