// Grades the entries of one chunk, one after another, each on the trusted course with only its
// changeable files. A student's mistakes (a syntax error, a crash, a timeout) are part of their result;
// only a failure of the grading itself (the grader threw) marks the entry "not graded" and fails the
// job, so that "Re-run failed jobs" grades exactly those chunks again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { grade } from '../grading.ts';
import { overallStatus, type GradeResult } from '../result.ts';
import { readPlan, submissionDir, type PlannedEntry } from './plan.ts';

export const CHUNK_VERSION = 1;

export interface EntryOutcome {
  id: string;
  /** The grader's result; absent when grading itself failed. */
  result?: GradeResult;
  /** Why grading failed (not the student's fault). */
  failure?: string;
}

export interface ChunkFile {
  version: typeof CHUNK_VERSION;
  chunk: number;
  /** GITHUB_RUN_ATTEMPT of the job that wrote it: the newest attempt wins when gathering. */
  attempt: number;
  outcomes: EntryOutcome[];
}

export function chunkFileName(chunk: number): string {
  return `chunk-${String(chunk).padStart(3, '0')}.json`;
}

export async function gradeEntry(courseRoot: string, planDir: string, entry: PlannedEntry, lang: 'es' | 'en'): Promise<EntryOutcome> {
  try {
    const graded = await grade({ courseRoot, source: { kind: 'submission', dir: submissionDir(planDir, entry.id) }, lang, hidden: true });
    const changed = [...new Set([...graded.tamper.changed, ...entry.tampered])].sort();
    const merged = { ...graded, source: `submission:${entry.repository}@${entry.commit ?? 'unknown'}`, tamper: { checked: true, changed } };
    return { id: entry.id, result: { ...merged, status: overallStatus(merged) } };
  } catch (error) {
    return { id: entry.id, failure: (error as Error).message };
  }
}

export interface ChunkOptions {
  courseRoot: string;
  planDir: string;
  chunk: number;
  outDir: string;
  attempt: number;
  onEntry?: (outcome: EntryOutcome, entry: PlannedEntry) => void;
}

export async function gradeChunk(options: ChunkOptions): Promise<ChunkFile> {
  const plan = readPlan(options.planDir);
  const ids = plan.chunks[options.chunk];
  if (ids === undefined) throw new Error(`chunk ${options.chunk} is not in the plan (it has ${plan.chunks.length} chunks, 0 to ${plan.chunks.length - 1})`);
  const byId = new Map(plan.entries.map((entry) => [entry.id, entry]));
  const outcomes: EntryOutcome[] = [];
  for (const id of ids) {
    const entry = byId.get(id)!;
    const outcome = await gradeEntry(options.courseRoot, options.planDir, entry, plan.lang);
    outcomes.push(outcome);
    options.onEntry?.(outcome, entry);
  }
  const file: ChunkFile = { version: CHUNK_VERSION, chunk: options.chunk, attempt: options.attempt, outcomes };
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, chunkFileName(options.chunk)), `${JSON.stringify(file)}\n`);
  return file;
}

export function readChunkFile(path: string): ChunkFile {
  const file = JSON.parse(readFileSync(path, 'utf8')) as ChunkFile;
  if (file.version !== CHUNK_VERSION || !Array.isArray(file.outcomes)) throw new Error(`${path}: not a chunk result (version ${String(file.version)})`);
  return file;
}
