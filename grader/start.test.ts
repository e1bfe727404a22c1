// grader/start.mjs, the npm scripts' entry: it runs the CLI from a cached bundle only while that bundle is
// exactly what it built from the current sources, and never under CI or with a GRADER_KEY.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TOOL_ROOT } from './paths.ts';

const START = join(TOOL_ROOT, 'grader', 'start.mjs');
const CACHE = join(TOOL_ROOT, 'node_modules', '.cache', 'course-grader');
const TAG = createHash('sha256').update(join(TOOL_ROOT, 'grader')).digest('hex').slice(0, 12);
const INDEX = join(CACHE, `cli-${TAG}.json`);

interface Index {
  bundle: string;
  hash: string;
  inputs: Record<string, string>;
}

function start(args: string[], extra: NodeJS.ProcessEnv = {}): { code: number; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['CI', 'GRADER_KEY']) if (!(name in extra)) delete env[name];
  try {
    return { code: 0, out: execFileSync(process.execPath, [START, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, out: failed.stdout };
  }
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const readIndex = (): Index => JSON.parse(readFileSync(INDEX, 'utf8')) as Index;

describe('grader/start.mjs', () => {
  test('runs the CLI and passes its exit code on', () => {
    const keygen = start(['keygen']);
    expect(keygen.code).toBe(0);
    expect(keygen.out).toMatch(/^[A-Za-z0-9+/]{43}=\n/);
    expect(start(['nope']).code).toBe(2);
  }, 30_000);

  test('records every source of the bundle with its sha256', () => {
    start(['keygen']);
    const index = readIndex();
    // The bundle pins import.meta.dirname to grader/: only paths.ts may ask where it lives.
    const askers = Object.keys(index.inputs).filter((path) => /import\.meta\.(dirname|filename|url)/.test(readFileSync(join(TOOL_ROOT, path), 'utf8')));
    expect(askers.filter((path) => path !== 'grader/cli.ts')).toEqual(['grader/paths.ts']);
    for (const path of ['grader/cli.ts', 'grader/commands/test.ts', 'grader/run/gate.ts', 'grader/paths.ts']) {
      expect(index.inputs[path]).toBe(sha256(readFileSync(join(TOOL_ROOT, path))));
    }
    expect(sha256(readFileSync(join(CACHE, index.bundle)))).toBe(index.hash);
  }, 30_000);

  test('a bundle that is not the one it built is rebuilt, not run', () => {
    start(['keygen']);
    const { bundle } = readIndex();
    writeFileSync(join(CACHE, bundle), "export async function main() { process.stdout.write('PLANTED\\n'); return 0; }\n");
    const run = start(['keygen']);
    expect(run.out).not.toContain('PLANTED');
    expect(run.out).toMatch(/^[A-Za-z0-9+/]{43}=\n/);
    expect(sha256(readFileSync(join(CACHE, readIndex().bundle)))).toBe(readIndex().hash);
  }, 30_000);

  test('under CI, with GRADER_KEY or with --key-file the cache is not used at all', () => {
    start(['keygen']);
    const index = readIndex();
    // A planted bundle that passes the hash check: only an untrusting start keeps it from running.
    const planted = "export async function main() { process.stdout.write('PLANTED\\n'); return 0; }\n";
    writeFileSync(join(CACHE, index.bundle), planted);
    writeFileSync(INDEX, JSON.stringify({ ...index, hash: sha256(planted) }));
    try {
      expect(start(['keygen'], { CI: 'true' }).out).not.toContain('PLANTED');
      expect(start(['keygen'], { GRADER_KEY: 'x' }).out).not.toContain('PLANTED');
      expect(start(['keygen', '--key-file', '/nonexistent']).out).not.toContain('PLANTED');
      expect(start(['keygen']).out).toContain('PLANTED');
    } finally {
      rmSync(INDEX, { force: true });
    }
    expect(start(['keygen']).out).not.toContain('PLANTED');
    expect(existsSync(INDEX)).toBe(true);
    expect(readdirSync(CACHE).filter((name) => name.startsWith(`cli-${TAG}-`))).toHaveLength(1);
  }, 60_000);
});
