// Runs CPython beside the benchmarks: a snippet that prints one JSON object (runPython), or a session that
// runs one timed round on request (PythonSession), so that its rounds can alternate with ours under the same
// load. Each row prints its ratio as "x better" (above 1: ours is better), whatever its unit.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';

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

/**
 * A CPython process that runs named rounds on request. `setup` is Python code run once (under the main guard,
 * from a file, so any start method works); it defines `rounds`, a dict of name -> function returning one
 * number. Each call to round(name) runs one and resolves with its number. Meanwhile the Python process waits
 * on stdin, idle, while we run ours: alternating rounds see the same load, which a shared machine changes
 * from one second to the next (a CPython round trip measured 21 µs and 75 µs a minute apart here).
 */
export class PythonSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly dir: string;
  private readonly pending: ((line: string) => void)[] = [];
  private stderr = '';

  private constructor(functions: string, setup: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'bench-py-'));
    const file = join(this.dir, 'bench_session.py');
    writeFileSync(file, SESSION(functions, setup));
    this.child = spawn('python3', [file], { stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.pending.shift()?.(line));
    this.child.on('exit', () => { for (const resolve of this.pending.splice(0)) resolve(''); });
  }

  /** A session, or undefined without python3. `functions` are top-level defs (children import them). */
  static async start(functions: string, setup: string): Promise<PythonSession | undefined> {
    if (!pythonAvailable()) return undefined;
    const session = new PythonSession(functions, setup);
    await session.request('ready');
    return session;
  }

  private request(command: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push((line) => {
        if (line === '') reject(new Error(`python3 failed: ${this.stderr}`));
        else resolve(Number(JSON.parse(line)));
      });
      this.child.stdin.write(`${command}\n`);
    });
  }

  /** Runs one round of `name` in CPython and returns its figure. */
  round(name: string): Promise<number> {
    return this.request(name);
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const indent = (code: string): string => code.split('\n').map((line) => `    ${line}`).join('\n');

const SESSION = (functions: string, setup: string): string => `
import json, sys
${functions}

if __name__ == '__main__':
    rounds = {'ready': lambda: 0}
${indent(setup)}
    for line in sys.stdin:
        print(json.dumps(rounds[line.strip()]()), flush=True)
    for fn in rounds.values():
        getattr(fn, 'close', lambda: None)()
`;

/** Which way is better for a unit: time per operation is better lower; rates and multiples are better higher. */
export function higherIsBetter(unit: string): boolean {
  return unit.endsWith('/s') || unit.startsWith('x ');
}

export interface Row {
  name: string;
  ours: number;
  unit: string;
  python?: number;
  /**
   * How many times better than CPython (above 1: ours is better), when not simply the two figures' quotient:
   * e.g. the median over rounds that alternated with CPython's.
   */
  better?: number;
  /** How `better` was taken, shown beside it (e.g. 'median of 7 pairs'). */
  betterHow?: string;
  target: string;
  ok: boolean;
}

/** The row's "x better" figure: above 1 when ours is better, whichever way its unit points. */
export function timesBetter(row: Row): number | undefined {
  if (row.better !== undefined) return row.better;
  if (row.python === undefined) return undefined;
  return higherIsBetter(row.unit) ? row.ours / row.python : row.python / row.ours;
}

/**
 * Alternates rounds of ours and CPython's (who goes first alternates too), `pairs` times. Returns the best of
 * each (for a time per operation: the lowest) and the median over the pairs of how many times better ours was.
 */
export async function alternate(pairs: number, unit: string, ours: () => Promise<number>, theirs: (() => Promise<number>) | undefined):
  Promise<{ ours: number; python?: number; better?: number }> {
  const higher = higherIsBetter(unit);
  const pick = (a: number, b: number): number => (higher ? Math.max(a, b) : Math.min(a, b));
  let bestOurs = higher ? -Infinity : Infinity;
  let bestTheirs = bestOurs;
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let mine: number;
    let other: number | undefined;
    if (i % 2 === 0 || theirs === undefined) {
      mine = await ours();
      other = await theirs?.();
    } else {
      other = await theirs();
      mine = await ours();
    }
    bestOurs = pick(bestOurs, mine);
    if (other !== undefined) {
      bestTheirs = pick(bestTheirs, other);
      ratios.push(higher ? mine / other : other / mine);
    }
  }
  if (theirs === undefined) return { ours: bestOurs };
  const sorted = ratios.sort((a, b) => a - b);
  return { ours: bestOurs, python: bestTheirs, better: sorted[Math.floor(sorted.length / 2)] as number };
}
