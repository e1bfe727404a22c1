// The student loop's module cache (vitest's file-system module cache, see vitest-main.mjs): it keeps the
// course's own transformed modules between `npm test` runs, never a workspace file (the student's code,
// tests, the entry file with its canary), and gradings that count do not ask for it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { grade } from '../grading.ts';
import { TOOL_ROOT } from '../paths.ts';
import { FIXTURE_COURSE } from '../test-support/course-builder.ts';
import { MODULE_CACHE_DIR, vitestLaunch, type Workspace } from './workspace.ts';

/**
 * What each cache entry written since `since` says about itself (vitest appends its metadata, base64, after
 * a marker comment).
 */
function cachedModules(since: number): string[] {
  if (!existsSync(MODULE_CACHE_DIR)) return [];
  const names = readdirSync(MODULE_CACHE_DIR).filter((name) => /^[0-9a-f]{40}$/.test(name));
  return names.filter((name) => statSync(join(MODULE_CACHE_DIR, name)).mtimeMs >= since).map((name) => {
    const text = readFileSync(join(MODULE_CACHE_DIR, name), 'utf8');
    return Buffer.from(text.slice(text.lastIndexOf('//# vitestCache=') + 16), 'base64').toString('utf8');
  });
}

test('the student loop caches the runtime it loads, and nothing from the workspace', async () => {
  // Workspace files have fresh paths every run: had any been cached, its entry would be new.
  const since = Date.now() - 1000;
  const result = await grade({
    courseRoot: FIXTURE_COURSE, source: { kind: 'exercises' }, only: ['03'], lang: 'en', hidden: false, engine: { moduleCache: true },
  });
  expect(result.exercises[0]?.tests.length).toBeGreaterThan(0);
  expect(cachedModules(0).some((meta) => meta.includes(join(TOOL_ROOT, 'runtime', 'testing')))).toBe(true);
  for (const meta of cachedModules(since)) {
    expect(meta).toContain(`${TOOL_ROOT}/`);
    expect(meta).not.toMatch(/course-grade-|exercise\.ts|__grade__|\.test\.ts/);
  }
}, 60_000);

test('only a launch that asks for the module cache gets it, scoped to the tool and never the workspace', () => {
  const workspace = { root: '/tmp/course-grade-x', canary: 'c', canaryToken: 't', tests: [], markStuck: () => undefined, dispose: () => undefined } satisfies Workspace;
  const settings = { files: ['/tmp/course-grade-x/exercises/01-a/__grade__.test.ts'], testTimeoutMs: 5000, workers: 1, heapMb: 512 };
  const plain = vitestLaunch(workspace, { ...settings, moduleCache: false });
  expect(plain.moduleCache).toBeUndefined();
  expect(plain.test).toMatchObject({ root: TOOL_ROOT, dir: workspace.root, include: ['exercises/01-a/__grade__.test.ts'], pool: 'forks', isolate: true, allowOnly: false });
  expect(vitestLaunch(workspace, { ...settings, moduleCache: true }).moduleCache)
    .toEqual({ dir: MODULE_CACHE_DIR, only: `${TOOL_ROOT}/`, never: '/tmp/course-grade-x/' });
});
