// The upward-import check of scripts/floors.ts on small runtime trees written for each case.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findRuntimePathImports, findUpwardImports } from '../../scripts/floors.ts';

const roots: string[] = [];

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'floors-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('findUpwardImports', () => {
  it('finds a lower floor importing a higher one, with its file, line and both floors', () => {
    const root = tree({
      'runtime/time/index.ts': "// the clock\nimport { typeName } from '../logging/values.ts';\n",
      'runtime/logging/values.ts': 'export const typeName = 1;\n',
    });
    expect(findUpwardImports(root)).toEqual([
      { file: 'runtime/time/index.ts', line: 2, from: 'time', to: 'logging', specifier: '../logging/values.ts' },
    ]);
  });

  it('sees #runtime aliases, re-exports, dynamic imports and a module that is a lone file', () => {
    const root = tree({
      'runtime/core/a.ts': "export { x } from '../threading/index.ts';\n",
      'runtime/queue/b.ts': "const m = await import('#runtime/asyncio');\n",
      'runtime/time.ts': "import { y } from './testing/index.ts';\n",
    });
    expect(findUpwardImports(root).map((u) => `${u.from}->${u.to}`).sort()).toEqual([
      'core->threading', 'queue->asyncio', 'time->testing',
    ]);
  });

  it('accepts imports downward and within a floor, and ignores tests, fixtures and CPython twins', () => {
    const root = tree({
      'runtime/multiprocessing/process.ts': "import { Lock } from '../threading/index.ts';\nimport { s } from './state.ts';\n",
      'runtime/core/errors.ts': "import { RuntimeError } from '../python/index.ts';\n",
      'runtime/core/scheduler.test.ts': "import { simulate } from '#runtime/testing';\n",
      'runtime/queue/fixtures/program.ts': "import { Thread } from '#runtime/threading';\n",
      'runtime/asyncio/conformance/01_hello.ts': "import { simulate } from '../../testing/index.ts';\n",
    });
    expect(findUpwardImports(root)).toEqual([]);
  });

  it('finds nothing upward in this repository', () => {
    expect(findUpwardImports(join(import.meta.dirname, '..', '..'))).toEqual([]);
  });
});

describe('findRuntimePathImports', () => {
  it('finds the kit, the grader and the kit\'s tests reaching into runtime/ by path, imports and module URLs alike', () => {
    const root = tree({
      'runtime/multiprocessing/traceback.ts': 'export const formatTraceback = 1;\n',
      'exercises/_kit/races.ts': "import { noteWrite } from '../../runtime/multiprocessing/races.ts';\n",
      'grader/run/child.ts': "// runs it\nconst m = await import('../../runtime/core/index.ts');\n",
      'tests/kit/races.test.ts': "import { x } from './fixtures/a.ts';\nconst url = new URL('../../runtime/multiprocessing/fixtures/race-targets.ts', import.meta.url);\n",
    });
    expect(findRuntimePathImports(root)).toEqual([
      { file: 'exercises/_kit/races.ts', line: 1, specifier: '../../runtime/multiprocessing/races.ts' },
      { file: 'grader/run/child.ts', line: 2, specifier: '../../runtime/core/index.ts' },
      { file: 'tests/kit/races.test.ts', line: 2, specifier: '../../runtime/multiprocessing/fixtures/race-targets.ts' },
    ]);
  });

  it('accepts #runtime entries, the users\' own files, and by-path imports elsewhere (the runtime\'s own tests)', () => {
    const root = tree({
      'exercises/_kit/index.ts': "import * as mp from '#runtime/multiprocessing';\nimport { t } from './text.ts';\n",
      'tests/kit/a.test.ts': "import { explain } from '../../exercises/_kit/index.ts';\n",
      'runtime/multiprocessing/races.test.ts': "import { a } from './fixtures/race-targets.ts';\n",
      'tests/isolation/b.test.ts': "import { c } from '../../runtime/core/index.ts';\n",
    });
    expect(findRuntimePathImports(root)).toEqual([]);
  });

  it('finds none in this repository', () => {
    expect(findRuntimePathImports(join(import.meta.dirname, '..', '..'))).toEqual([]);
  });
});
