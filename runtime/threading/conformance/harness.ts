// Runs the TS twins of a conformance folder on the virtual clock and compares each with what its Python twin
// printed, returned, raised and how long it took under CPython 3.11 (the folder's expected.json, recorded by
// runtime/threading/conformance/record.py). Used by the threading and queue folders. The elapsed time may be up
// to 0.1 s short of CPython's: real threads wake late on a loaded machine, virtual ones never do.
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { simulate } from '#runtime/testing';
import { err } from '../../asyncio/conformance/twin.ts';

export interface Outcome {
  output: string[];
  result: unknown;
  error: string | null;
  elapsed: number;
}

type Twin = { main: () => Promise<unknown> };

async function runTwin(load: () => Promise<Twin>): Promise<Outcome> {
  const mod = await load();
  let result: unknown = null;
  let error: string | null = null;
  const sim = await simulate(async () => {
    try {
      result = (await mod.main()) ?? null;
    } catch (e) {
      error = err(e);
    }
  });
  return { output: sim.output, result: JSON.parse(JSON.stringify(result)) as unknown, error, elapsed: Math.round(sim.elapsed * 10) / 10 };
}

/** One test per twin in `dir` (a file URL of the folder); `load(name)` imports the TS twin. */
export function describeTwins(label: string, dir: URL, load: (name: string) => Promise<Twin>): void {
  const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as {
    python: string;
    twins: Record<string, Outcome>;
  };
  const twins = readdirSync(dir).filter((f) => /^\d\d_.*\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();
  describe(`${label} twins reproduce CPython ${expected.python}`, () => {
    test('every Python twin has a TS twin', () => {
      expect(twins).toEqual(Object.keys(expected.twins).sort());
    });
    for (const name of twins) {
      test(name, async () => {
        const want = expected.twins[name];
        expect(want, `no recorded outcome for ${name}`).toBeDefined();
        const got = await runTwin(() => load(name));
        // CPython's real threads come out a little late on a busy machine; the virtual clock never does.
        expect(got.elapsed, 'elapsed seconds').toBeGreaterThanOrEqual(want!.elapsed - 0.15);
        expect(got.elapsed, 'elapsed seconds').toBeLessThanOrEqual(want!.elapsed + 0.05);
        expect({ ...got, elapsed: 0 }).toEqual({ ...want, elapsed: 0 });
      });
    }
  });
}
