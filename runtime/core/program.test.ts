// Whole programs run under node (+ tsx), as a student runs them: exit behaviour, daemons, the virtual clock
// and seeded schedules selected by environment variables.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

function runProgram(name: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const file = fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('programs', () => {
  test('a thread blocked forever at exit is reported and the program exits 1 instead of hanging', () => {
    const { status, stdout, stderr } = runProgram('deadlock-at-exit');
    expect(stdout).toBe('main end\n');
    expect(stderr).toMatch(/non-daemon threads are blocked forever/);
    expect(stderr).toMatch(/stuck waits in Lock\.acquire\(\) at .*deadlock-at-exit\.ts:6:\d+, held by MainThread/);
    expect(status).toBe(1);
  });

  test('the program waits for non-daemon threads and abandons daemons (real clock)', () => {
    const { status, stdout } = runProgram('daemons');
    const lines = stdout.trimEnd().split('\n');
    expect(status).toBe(0);
    expect(lines.slice(0, 3)).toEqual(['main end', 'check 1', 'write w 1']);
    expect(lines.filter((l) => l.startsWith('write'))).toEqual(['write w 1', 'write w 2', 'write w 3']);
    // The daemon got to print for about 0.9 s, not its full 10 s.
    expect(lines.filter((l) => l.startsWith('check')).length).toBeLessThan(20);
  });

  test('RUNTIME_CLOCK=virtual makes the same program deterministic: an hour of sleep is instant', () => {
    const { status, stdout } = runProgram('long-sleep', { RUNTIME_CLOCK: 'virtual' });
    expect(status).toBe(0);
    expect(stdout).toBe('elapsed 3600\n');
    const daemons = runProgram('daemons', { RUNTIME_CLOCK: 'virtual' });
    expect(daemons.stdout.trimEnd().split('\n').filter((l) => l.startsWith('check'))).toHaveLength(9);
  });

  test('RUNTIME_SEED selects a reproducible schedule', () => {
    const env = { RUNTIME_CLOCK: 'virtual', RUNTIME_SEED: '3' };
    const first = runProgram('race', env);
    const second = runProgram('race', env);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const outputs = new Set(['1', '2', '4', '5'].map((seed) => runProgram('race', { ...env, RUNTIME_SEED: seed }).stdout));
    expect(outputs.size).toBeGreaterThan(1);
  });

  test('bad environment settings fail with a message that says what to use', () => {
    const { status, stderr } = runProgram('long-sleep', { RUNTIME_CLOCK: 'fast' });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/RUNTIME_CLOCK must be "real" or "virtual", not "fast"/);
  });
});
