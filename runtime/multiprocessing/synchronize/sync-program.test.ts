// mp locks in whole programs run under node (+ tsx), as a student runs them: green threads waiting on them
// behave as on threading's locks under both clocks, deadlock report included.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

function runProgram(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const file = fileURLToPath(new URL('./fixtures/deadlock-program.ts', import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a program whose threads deadlock on two mp Locks', () => {
  for (const clock of ['real', 'virtual']) {
    it(`exits 1 with the wait-for cycle (RUNTIME_CLOCK=${clock})`, () => {
      const { status, stdout, stderr } = runProgram({ RUNTIME_CLOCK: clock });
      expect(stdout).toBe('released\n');
      expect(stderr).toMatch(/T1 waits in Lock\.acquire\(\) at .*deadlock-program\.ts:9:\d+, held by T2/);
      expect(stderr).toMatch(/T2 waits in Lock\.acquire\(\) at .*deadlock-program\.ts:10:\d+, held by T1/);
      expect(stderr).toMatch(/Wait-for cycle: T(1|2) -> T(2|1) -> T(1|2)/);
      expect(status).toBe(1);
    });
  }
});
