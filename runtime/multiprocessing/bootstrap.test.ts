import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { reportGuard } from './fixtures/guarded.ts';

function capture(): { stdout: () => string[]; stderr: () => string } {
  const chunks: mp.ChildOutput[] = [];
  mp.setChildOutputSink((out) => chunks.push(out));
  const text = (stream: string): string => chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
  return { stdout: () => text('stdout').split('\n').filter(Boolean), stderr: () => text('stderr') };
}

describe('spawn semantics', () => {
  it('the main guard is false in a child already while it re-imports the module', async () => {
    const out = capture();
    expect(mp.currentProcess().name).toBe('MainProcess');
    const p = new mp.Process({ target: reportGuard });
    p.start();
    await p.join();
    mp.setChildOutputSink(null);
    expect(out.stdout()).toEqual([`loaded as ${p.name}, main guard false`]);
  });

  it('a child that starts a process while its module loads fails with the bootstrapping RuntimeError', async () => {
    const out = capture();
    const { started } = await import('./fixtures/unguarded.ts');
    await started.join();
    mp.setChildOutputSink(null);
    expect(started.exitcode).toBe(1);
    expect(out.stderr()).toContain('RuntimeError: \n        An attempt has been made to start a new process before the\n');
    expect(out.stderr()).toContain("if (mp.currentProcess().name === 'MainProcess') {");
    expect(mp.activeChildren()).toEqual([]);
  });

  it('a program that awaits pool results at top level lives until the last one, while its workers retire', async () => {
    // Every worker retiring at once left only unreferenced replacements: the program ended, results unread.
    const program = fileURLToPath(new URL('./fixtures/pool-retiring.ts', import.meta.url));
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', program], { timeout: 30_000 }, (error, out) => {
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout: out });
      });
    });
    expect({ code, stdout }).toEqual({ code: 0, stdout: '0,1,4,9\n' });
  });

  it('a program waits for its non-daemon children at exit and stops its daemons', async () => {
    const program = fileURLToPath(new URL('./fixtures/program-exit.ts', import.meta.url));
    const t0 = performance.now();
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', program], { timeout: 15_000 }, (error, out) => {
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout: out });
      });
      child.stdin?.end();
    });
    const lines = stdout.split('\n').filter(Boolean);
    expect(code).toBe(0);
    expect(lines[0]).toBe('main done');
    expect(lines.at(-1) === 'child done' || lines.includes('child done')).toBe(true);
    expect(lines.indexOf('child done')).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
