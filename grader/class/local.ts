// `npm run grade-class -- ROSTER.csv`: the class grading of grade-class.yml on an instructor's machine,
// with the students' clones on disk. Same plan, same grading, same gradebook CSV; what it cannot know is
// GitHub's push times, so each clone's checked-out commit (or `branch`) is graded and the late columns
// stay empty (the workflow applies the deadline).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCourse } from '../model/course.ts';
import { TOOL_ROOT } from '../paths.ts';
import { CHUNK_VERSION, chunkFileName, gradeEntry, type EntryOutcome } from './batch.ts';
import { DEFAULTS, loadConfig, parseConfig, type ClassConfig } from './config.ts';
import { gather, writeGradebook } from './gather.ts';
import { planClass } from './plan.ts';
import { progressBar } from './progress.ts';
import { parseRoster } from './roster.ts';

const USAGE = `usage: npm run grade-class -- ROSTER.csv [--clones DIR] [--template DIR] [--config FILE] [--out DIR] [--course DIR]
  ROSTER.csv      GitHub Classroom's assignment or roster export, or a CSV with student,repository[,path]
  --clones DIR    a folder with one clone per student repository, named as the repository
                  (what GitHub Classroom Assistant or "gh repo clone" leaves); or a path column in the roster
  --template DIR  a clone of the student template: files that differ from it are reported as tampering
  --config FILE   the class configuration (default: class/config.json of the course, if present)
  --out DIR       where gradebook.csv, summary.md and results/ go (default .grade-class/)
  --course DIR    the course to grade with (default: this repository; hidden tests in plain text)
`;

export async function gradeClassLocally(argv: string[], io: { out: (t: string) => void; err: (t: string) => void; stream: NodeJS.WriteStream | { write(t: string): unknown; isTTY?: boolean } }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { clones: { type: 'string' }, template: { type: 'string' }, config: { type: 'string' }, out: { type: 'string' }, course: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    io.err(USAGE);
    return 2;
  }
  const rosterPath = resolve(positionals[0]!);
  const courseRoot = resolve(values.course ?? TOOL_ROOT);
  const out = resolve(values.out ?? '.grade-class');
  try {
    if (!existsSync(rosterPath)) throw new Error(`${rosterPath}: no such roster file`);
    const configPath = values.config ?? join(courseRoot, 'class', 'config.json');
    const config: ClassConfig = values.config !== undefined || existsSync(configPath) ? loadConfig(resolve(configPath)) : parseConfig({ assignment: basename(rosterPath).replace(/\.csv$/i, '').replace(/[^\w .-]/g, '-').slice(0, 80) || 'class' });
    const { entries } = parseRoster(readFileSync(rosterPath, 'utf8'), { repositoryPattern: config.repositoryPattern ?? undefined });
    if (values.clones === undefined && entries.some((entry) => entry.path === undefined && entry.problem === undefined)) {
      throw new Error('where are the clones? give --clones DIR (one clone per repository, named as the repository) or a "path" column in the roster');
    }
    const course = loadCourse(courseRoot);
    if (course.problems.length > 0) throw new Error(course.problems.map((p) => p.message).join('\n'));
    if (config.deadline !== null) io.out(`note: push times are only known to GitHub; this run grades each clone's ${config.branch === null ? 'checked-out commit' : `branch ${config.branch}`}. The deadline (${config.deadline}) and the late policy apply in the grade-class workflow.\n`);
    const plan = await planClass({
      config: { ...config, deadline: null, late: DEFAULTS.late, template: null }, entries, exercises: course.exercises, outDir: join(out, 'plan'), scratch: join(out, 'scratch.git'),
      sources: { serverUrl: '', ...(values.clones === undefined ? {} : { clones: resolve(values.clones) }), ...(values.template === undefined ? {} : { templateUrl: resolve(values.template) }) },
    });
    const planned = plan.entries.filter((entry) => entry.status === 'planned');
    io.out(`${entries.length} students: ${planned.length} to grade, ${plan.entries.length - planned.length} missing${plan.templateCommit === null ? ' (no --template: files outside the exercises are not compared)' : ''}\n`);
    const bar = progressBar(planned.length, io.stream);
    const outcomes: EntryOutcome[] = [];
    for (const entry of planned) {
      const outcome = await gradeEntry(courseRoot, join(out, 'plan'), entry, config.lang);
      outcomes.push(outcome);
      bar.tick(`${entry.student} ${outcome.result === undefined ? 'NOT GRADED' : `${outcome.result.score}/${outcome.result.max_score}`}`);
    }
    bar.done();
    mkdirSync(join(out, 'results'), { recursive: true });
    writeFileSync(join(out, 'results', chunkFileName(0)), `${JSON.stringify({ version: CHUNK_VERSION, chunk: 0, attempt: 1, outcomes })}\n`);
    const gathered = gather(join(out, 'plan'), join(out, 'results'));
    writeGradebook(gathered, out);
    const notGraded = outcomes.filter((o) => o.result === undefined).length;
    io.out(`gradebook: ${join(out, 'gradebook.csv')}\nsummary:   ${join(out, 'summary.md')}\nresults:   ${join(out, 'results')}/<id>.json\n`);
    if (notGraded > 0) io.err(`${notGraded} submission(s) could not be graded (see the note column)\n`);
    return notGraded > 0 ? 1 : 0;
  } catch (error) {
    io.err(`grade-class: ${(error as Error).message}\n`);
    return 2;
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.exitCode = await gradeClassLocally(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), stream: process.stderr });
}
