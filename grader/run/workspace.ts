// A throw-away copy of the course material a grading run needs, outside the repository: each exercise's
// tests and support files from the trusted course, the changeable files from the chosen source, and
// the course test kit, and symlinks to the runtime and node_modules so `#runtime/*`, `#course/kit`,
// `#grader/testkit` and `vitest` resolve exactly as in the repository. Hidden tests, once unsealed, only ever live here.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { HIDDEN_TEST_FILE, KIT_DIR, SEALED_FILE, type Exercise } from '../model/course.ts';
import { RUN_DIR, TOOL_ROOT } from '../paths.ts';

export type Visibility = 'visible' | 'hidden';

/** One section of an exercise's entry file: the tests of one file, under a describe named `prefix`. */
export interface Section {
  visibility: Visibility;
  /** The test file, relative to the exercise folder. */
  name: string;
  prefix: string;
}

/**
 * One test file per exercise: a generated entry that imports the exercise's visible and hidden test files,
 * each inside its own describe. One worker process per exercise instead of one per test file (start-up
 * dominates), and the exercise's time limit applies to exactly its whole test run.
 */
export interface TestFilePlan {
  exercise: string;
  /** Absolute path of the entry file inside the workspace. */
  path: string;
  sections: Section[];
}

export const ENTRY_FILE = '__grade__.test.ts';

export interface WorkspaceItem {
  exercise: Exercise;
  /** Folder holding the changeable files (meta.files) to grade. */
  sourceDir: string;
  /** Plain-text hidden test file to include (from the course or freshly unsealed); none: visible only. */
  hiddenTest?: string;
}

export interface Workspace {
  root: string;
  /** Name of the canary test in every entry file (see entrySource). */
  canary: string;
  canaryToken: string;
  tests: TestFilePlan[];
  dispose(): void;
}

/** Course files that never go into a workspace: statements, metadata and hidden tests in any form. */
function isCourseOnly(name: string): boolean {
  return name === 'meta.json' || name === HIDDEN_TEST_FILE || name === SEALED_FILE || /^README(\.[a-z]+)?\.md$/.test(name);
}

function copyTree(from: string, to: string, skip: (relative: string) => boolean, relative = ''): void {
  for (const name of readdirSync(join(from, relative))) {
    const rel = relative === '' ? name : `${relative}/${name}`;
    if (skip(rel)) continue;
    const source = join(from, rel);
    if (statSync(source).isDirectory()) {
      mkdirSync(join(to, rel), { recursive: true });
      copyTree(from, to, skip, rel);
    } else {
      mkdirSync(dirname(join(to, rel)), { recursive: true });
      copyFileSync(source, join(to, rel));
    }
  }
}

/**
 * The entry file. Its canary test must fail with the token in its message: if it passes, or fails
 * differently, the assertion library was tampered with during the run (a patched `expect`, `Object.is`...),
 * so the file's results cannot be trusted.
 */
function entrySource(sections: Section[], canary: string, token: string): string {
  return [
    "import { describe as __graderDescribe, test as __graderTest, expect as __graderExpect, beforeEach as __graderBeforeEach } from 'vitest';",
    "import { lastSimulation as __graderLastSimulation, clearLastSimulation as __graderClearSimulation } from '#runtime/testing';",
    "import { buildTimeline as __graderBuildTimeline } from '../../grader/timeline/build.ts';",
    // A failing test carries the timeline of its last simulation (who ran when), drawn under it in the report.
    '__graderBeforeEach((context) => {',
    '  __graderClearSimulation();',
    '  context.onTestFailed(() => {',
    '    const run = __graderLastSimulation();',
    '    if (run !== undefined) context.task.meta.courseTimeline = __graderBuildTimeline(run.trace, run.elapsed);',
    '  });',
    '});',
    ...sections.map((section) => `__graderDescribe(${JSON.stringify(section.prefix)}, async () => {\n  await import(${JSON.stringify(`./${section.name}`)});\n});`),
    `__graderTest(${JSON.stringify(canary)}, () => {`,
    `  __graderExpect(${JSON.stringify(`${token}-a`)}).toBe(${JSON.stringify(`${token}-b`)});`,
    '});',
    '',
  ].join('\n');
}

/** The course's test kit: the graded course's own (next to its exercises), else the tool's (a course without one). */
export function kitSource(items: WorkspaceItem[], toolRoot: string): string {
  for (const item of items) {
    const own = join(dirname(item.exercise.dir), KIT_DIR);
    if (existsSync(own)) return own;
  }
  return join(toolRoot, 'exercises', KIT_DIR);
}

/** The kit's vitest setup file inside a workspace (it names each failing test's mistake: see exercises/_kit). */
export function kitSetupFile(workspaceRoot: string): string {
  return join(workspaceRoot, 'exercises', KIT_DIR, 'setup.ts');
}

export function buildWorkspace(items: WorkspaceItem[], toolRoot: string = TOOL_ROOT): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'course-grade-'));
  const token = randomBytes(12).toString('hex');
  const canary = `grader integrity check ${token.slice(0, 8)}`;
  try {
    for (const name of ['runtime', 'node_modules']) {
      if (existsSync(join(toolRoot, name))) symlinkSync(join(toolRoot, name), join(root, name), 'dir');
    }
    copyFileSync(join(toolRoot, 'package.json'), join(root, 'package.json'));
    mkdirSync(join(root, 'grader'));
    copyFileSync(join(toolRoot, 'grader', 'testkit.ts'), join(root, 'grader', 'testkit.ts'));
    const kit = kitSource(items, toolRoot);
    mkdirSync(join(root, 'exercises', KIT_DIR), { recursive: true });
    copyTree(kit, join(root, 'exercises', KIT_DIR), (rel) => rel.endsWith('.test.ts'));
    mkdirSync(join(root, 'grader', 'timeline'));
    for (const file of ['build.ts', 'model.ts']) copyFileSync(join(toolRoot, 'grader', 'timeline', file), join(root, 'grader', 'timeline', file));

    const tests: TestFilePlan[] = [];
    for (const item of items) {
      const { exercise } = item;
      const target = join(root, 'exercises', exercise.key);
      mkdirSync(target, { recursive: true });
      const changeable = new Set(exercise.meta.files);
      const testFiles = new Set(exercise.visibleTests);
      copyTree(exercise.dir, target, (rel) => isCourseOnly(rel) || changeable.has(rel) || testFiles.has(rel));
      for (const file of exercise.meta.files) {
        const source = join(item.sourceDir, file);
        if (existsSync(source) && statSync(source).isFile()) {
          mkdirSync(dirname(join(target, file)), { recursive: true });
          copyFileSync(source, join(target, file));
        }
      }
      const sections: Section[] = [];
      for (const file of exercise.visibleTests) {
        copyFileSync(join(exercise.dir, file), join(target, file));
        sections.push({ visibility: 'visible', name: file, prefix: `⟦visible ${file}⟧` });
      }
      if (item.hiddenTest !== undefined) {
        copyFileSync(item.hiddenTest, join(target, HIDDEN_TEST_FILE));
        sections.push({ visibility: 'hidden', name: HIDDEN_TEST_FILE, prefix: '⟦hidden⟧' });
      }
      if (sections.length > 0) {
        writeFileSync(join(target, ENTRY_FILE), entrySource(sections, canary, token));
        tests.push({ exercise: exercise.key, path: join(target, ENTRY_FILE), sections });
      }
    }
    return { root, canary, canaryToken: token, tests, dispose: () => rmSync(root, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

export interface VitestSettings {
  files: string[];
  testTimeoutMs: number;
  workers: number;
  heapMb: number;
  /** Reuse transformed course modules across runs (see vitest-main.mjs); only for the student loop. */
  moduleCache: boolean;
}

/** What vitest-main.mjs receives: vitest's inline options, Vite overrides, the module cache scope. */
export interface VitestLaunch {
  test: Record<string, unknown>;
  vite: Record<string, unknown>;
  moduleCache?: { dir: string; only: string; never: string };
}

/** Where the student loop keeps transformed runtime and grader modules between runs. */
export const MODULE_CACHE_DIR = join(TOOL_ROOT, 'node_modules', '.cache', 'course-grader-modules');

/** The module cache is a convenience: a read-only node_modules just means running without it. */
function moduleCacheUsable(): boolean {
  try {
    mkdirSync(MODULE_CACHE_DIR, { recursive: true });
    accessSync(MODULE_CACHE_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A path prefix as Vite writes module ids (forward slashes, also on Windows). */
function idPrefix(dir: string): string {
  return `${dir.split(sep).join('/')}/`;
}

/**
 * The options of one vitest run over the workspace. Vite's root is the grader's own repository, which is
 * the same on every run (the module cache is keyed on it); the test files are found in `dir`, the workspace.
 */
export function vitestLaunch(workspace: Workspace, settings: VitestSettings, toolRoot: string = TOOL_ROOT): VitestLaunch {
  return {
    test: {
      root: toolRoot,
      dir: workspace.root,
      include: settings.files.map((file) => file.slice(workspace.root.length + 1)),
      pool: 'forks',
      isolate: true,
      maxWorkers: settings.workers,
      fileParallelism: settings.workers > 1,
      testTimeout: settings.testTimeoutMs,
      hookTimeout: settings.testTimeoutMs,
      teardownTimeout: 2000,
      allowOnly: false,
      passWithNoTests: true,
      globals: false,
      watch: false,
      reporters: [join(RUN_DIR, 'reporter.ts')],
      // The course kit's diagnosis layer: each failing test's mistake named in the student's terms.
      setupFiles: existsSync(kitSetupFile(workspace.root)) ? [kitSetupFile(workspace.root)] : [],
      execArgv: [`--max-old-space-size=${settings.heapMb}`],
      env: { FORCE_COLOR: '0' },
    },
    vite: {
      cacheDir: join(workspace.root, '.vite-cache'),
      server: { fs: { strict: false } },
    },
    ...(settings.moduleCache && moduleCacheUsable()
      ? { moduleCache: { dir: MODULE_CACHE_DIR, only: idPrefix(toolRoot), never: idPrefix(workspace.root) } } : {}),
  };
}
