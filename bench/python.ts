// Runs a CPython snippet for the side-by-side columns of the benchmarks. The snippet prints one JSON object.
import { spawnSync } from 'node:child_process';

let available: boolean | undefined;

export function pythonAvailable(): boolean {
  available ??= spawnSync('python3', ['--version']).status === 0;
  return available;
}

/** Runs `code` with python3 and returns the JSON object it printed last, or undefined without python3. */
export function runPython(code: string): Record<string, number> | undefined {
  if (!pythonAvailable()) return undefined;
  const result = spawnSync('python3', ['-c', code], { encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  const last = result.stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last) as Record<string, number>;
}

export interface Row {
  name: string;
  ours: number;
  unit: string;
  python?: number;
  target: string;
  ok: boolean;
}
