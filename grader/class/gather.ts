// Gathers the chunk results of a run into the gradebook. A chunk may have been written by several
// attempts (re-run failed jobs): the newest attempt of each chunk counts. Entries of a chunk that left
// no file are "not graded", so a partial run still gives a complete gradebook that says what is missing.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChunkFile, type ChunkFile, type EntryOutcome } from './batch.ts';
import { buildRow, gradebookCsv, gradebookSummary, type Row } from './gradebook.ts';
import { readPlan, type Plan } from './plan.ts';

function chunkFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (path: string): void => {
    for (const name of readdirSync(path, { withFileTypes: true })) {
      if (name.isDirectory()) walk(join(path, name.name));
      else if (/^chunk-\d+\.json$/.test(name.name)) found.push(join(path, name.name));
    }
  };
  walk(dir);
  return found.sort();
}

export interface Gathered {
  plan: Plan;
  rows: Row[];
  csv: string;
  summary: string;
  /** Chunks with no result file. */
  missingChunks: number[];
  /** The newest attempt's outcome of each graded entry. */
  outcomes: Map<string, EntryOutcome>;
}

export function gather(planDir: string, resultsDir: string): Gathered {
  const plan = readPlan(planDir);
  const newest = new Map<number, ChunkFile>();
  for (const path of chunkFiles(resultsDir)) {
    const file = readChunkFile(path);
    const known = newest.get(file.chunk);
    if (known === undefined || file.attempt >= known.attempt) newest.set(file.chunk, file);
  }
  const outcomes = new Map<string, EntryOutcome>();
  for (const file of newest.values()) for (const outcome of file.outcomes) outcomes.set(outcome.id, outcome);
  const rows = plan.entries.map((entry) => buildRow(plan, entry, outcomes.get(entry.id)));
  const missingChunks = plan.chunks.map((_, index) => index).filter((index) => !newest.has(index));
  return { plan, rows, csv: gradebookCsv(plan, rows), summary: gradebookSummary(plan, rows), missingChunks, outcomes };
}

/** gradebook.csv, summary.md and results/<id>.json (each student's full result) into outDir. */
export function writeGradebook(gathered: Gathered, outDir: string): void {
  mkdirSync(join(outDir, 'results'), { recursive: true });
  writeFileSync(join(outDir, 'gradebook.csv'), gathered.csv);
  writeFileSync(join(outDir, 'summary.md'), gathered.summary);
  for (const row of gathered.rows) {
    const result = gathered.outcomes.get(row.entry.id)?.result;
    if (result !== undefined && row.status !== 'not-graded') writeFileSync(join(outDir, 'results', `${row.entry.id}.json`), `${JSON.stringify(result, null, 2)}\n`);
  }
}
