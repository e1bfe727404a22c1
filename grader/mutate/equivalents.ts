// Equivalent mutants, declared per exercise beside meta.json (`equivalent-mutants.json`): a mutant id and why
// no test can observe it. Reviewed like code; a declaration that names no current mutant is reported stale.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EQUIVALENTS_FILE = 'equivalent-mutants.json';

export class EquivalentsError extends Error {
  override name = 'EquivalentsError';
}

/** Mutant id → the reason it cannot be observed. */
export function loadEquivalents(exerciseDir: string): Map<string, string> {
  const file = join(exerciseDir, EQUIVALENTS_FILE);
  const found = new Map<string, string>();
  if (!existsSync(file)) return found;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EquivalentsError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(raw)) throw new EquivalentsError(`${file}: expected a list of { "mutant": "<id>", "why": "<reason>" }`);
  for (const [i, entry] of raw.entries()) {
    const { mutant, why } = (entry ?? {}) as { mutant?: unknown; why?: unknown };
    if (typeof mutant !== 'string' || typeof why !== 'string' || why.trim().length < 10) {
      throw new EquivalentsError(`${file}[${i}]: expected { "mutant": "<id>", "why": "<a reason of 10 characters or more>" }`);
    }
    found.set(mutant, why);
  }
  return found;
}
