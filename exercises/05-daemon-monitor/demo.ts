// Demo of exercise 05: a writer thread and a daemon monitor that checks the file's size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWithMonitor } from './exercise.ts';

export default async function demo(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'demo-05-'));
  try {
    await runWithMonitor(join(dir, 'comprobantes.txt'), { chunks: 4, writeInterval: 0.5, checks: 10, checkInterval: 0.3 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
