// Issue 7: processes work when the parent is not run by tsx or vitest: a program bundled into plain JavaScript
// (the runtime inside it; npm packages left in node_modules, as Node apps are bundled), and, on a Node that
// strips types itself (22.18+, 24), a .ts program run by plain node. Also the top-level joins of a daemon
// and of a closed Pool, which only a whole program (no test runner keeping the event loop alive) can show.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const program = join(fixtures, 'compiled-program.ts');
// Inside the project (a compiled program lives in its project's dist/), so its package.json is found.
const outDir = mkdtempSync(join(fixtures, '.compiled-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function runNode(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

const EXPECTED = [
  'hello compiled from Process-1',
  'Worker-2 runs a subclass (main guard false)',
  'pool 1 4 9',
  'exit codes 0 0 0',
];

describe('a parent that is not run by tsx or vitest', () => {
  it('runs as one esbuild bundle under plain node (the runtime bundled in)', async () => {
    const { build } = await import('esbuild');
    const bundle = join(outDir, 'program.mjs');
    await build({
      entryPoints: [program],
      outfile: bundle,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      keepNames: true, // Python finds targets and classes by name, and names processes after their class
      packages: 'external',
      logLevel: 'silent',
    });
    const { code, stdout, stderr } = await runNode([bundle]);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toEqual(EXPECTED);
    expect(code).toBe(0);
  }, 60_000);

  const typescript = (process.features as { typescript?: string | false }).typescript;
  const strips = typescript === 'strip' || typescript === 'transform';
  it(`runs as .ts under plain node where Node strips types itself (here: ${strips ? 'yes' : 'no, tsx needed'})`, async () => {
    const { code, stdout, stderr } = await runNode([program]);
    if (!strips) {
      // Node 20: plain node refuses .ts, which is why the course runs programs with `node --import tsx`.
      expect(stderr).toContain('ERR_UNKNOWN_FILE_EXTENSION');
      expect(code).not.toBe(0);
      return;
    }
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toEqual(EXPECTED);
    expect(code).toBe(0);
  }, 60_000);
});
