// Each TS twin in conformance/ must reproduce what its Python twin printed, returned, raised and how long it
// took under CPython 3.11 (conformance/expected.json, recorded by conformance/record.py), here on the virtual
// clock. Re-record with: python3 runtime/asyncio/conformance/record.py
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { simulate } from '#runtime/testing';
import { run } from '#runtime/asyncio';
import { err } from './conformance/twin.ts';

interface Outcome {
  output: string[];
  result: unknown;
  error: string | null;
  elapsed: number;
}

const dir = fileURLToPath(new URL('./conformance/', import.meta.url));
const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8')) as { python: string; twins: Record<string, Outcome> };
const twins = readdirSync(dir).filter((f) => /^\d\d_.*\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();

async function runTwin(name: string): Promise<Outcome> {
  const mod = (await import(`./conformance/${name}.ts`)) as { main: () => Promise<unknown> };
  let result: unknown = null;
  let error: string | null = null;
  const sim = await simulate(async () => {
    try {
      result = (await run(mod.main)) ?? null;
    } catch (e) {
      error = err(e);
    }
  });
  return { output: sim.output, result: JSON.parse(JSON.stringify(result)) as unknown, error, elapsed: Math.round(sim.elapsed * 10) / 10 };
}

describe(`asyncio twins reproduce CPython ${expected.python}`, () => {
  test('every Python twin has a TS twin', () => {
    expect(twins).toEqual(Object.keys(expected.twins).sort());
  });
  for (const name of twins) {
    test(name, async () => {
      const want = expected.twins[name];
      expect(want, `no recorded outcome for ${name}`).toBeDefined();
      expect(await runTwin(name)).toEqual(want);
    });
  }
});
