// join() inside the loop that starts the threads or processes: each one is waited for before the next starts,
// so the work runs one after another. Seen in the lifecycle events the runtime reports (start and join, with the
// caller's line), not in timing: a start made again on the same line after a join, where that join sits in the
// same loop of the student's file. Timing would be unfair on a runner with one free core.
import { codeAt, sourceLineOf, text, type Diagnosis, type Evidence, type LifecycleStep, type SourceLine } from '../diagnosis.ts';

/** `exercises/01-x/exercise.ts:22:31` -> the student's line, or null for any other file. */
function lineOf(site: string | null | undefined): SourceLine | null {
  const match = site == null ? null : /^(.+):(\d+):\d+$/.exec(site);
  return match === null ? null : sourceLineOf(match[1]!, Number(match[2]));
}

/** Characters of `code` that open or close a block, strings and comments left out roughly. */
function braces(code: string): string {
  return code.replace(/\/\/.*$/, '').replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '').replace(/[^{}]/g, '');
}

const LOOP = /\b(?:for|while)\s*\(|\bdo\s*\{/;

/** Whether lines `from`..`to` of a file sit in one loop body (a for/while/do a few lines above `from`). */
export function inOneLoop(path: string, from: number, to: number): boolean {
  for (let header = from; header >= Math.max(1, from - 15); header--) {
    const code = codeAt(path, header) ?? '';
    const loop = LOOP.exec(code);
    if (loop === null) continue;
    // Depth counted from the loop keyword: the body's `{` opens it; it must not close before `to`.
    let depth = 0;
    let opened = false;
    for (let line = header; line <= to; line++) {
      const text = braces(line === header ? code.slice(loop.index) : codeAt(path, line) ?? '');
      for (const brace of text) {
        depth += brace === '{' ? 1 : -1;
        if (brace === '{') opened = true;
        if (opened && depth === 0 && line < to) return false;
      }
    }
    return opened ? depth > 0 || header === to : header === from && from === to;
  }
  return false;
}

interface Serial {
  what: 'Thread' | 'Process';
  joined: string;
  started: string;
  join: SourceLine;
  start: SourceLine;
}

/** A start on line L, then a join on line M, then a start on line L again, with L and M in one loop. */
export function serialStarts(steps: readonly LifecycleStep[]): Serial | null {
  for (const [i, join] of steps.entries()) {
    if (join.kind !== 'join') continue;
    const joinLine = lineOf(join.site);
    if (joinLine === null) continue;
    const before = steps.slice(0, i).filter((s) => s.kind === 'start' && s.what === join.what);
    const after = steps.slice(i + 1).find((s) => s.kind === 'start' && s.what === join.what
      && before.some((b) => lineOf(b.site)?.line === lineOf(s.site)?.line && lineOf(b.site)?.path === lineOf(s.site)?.path));
    const startLine = lineOf(after?.site);
    if (after === undefined || startLine === null || startLine.path !== joinLine.path) continue;
    const [from, to] = [Math.min(startLine.line, joinLine.line), Math.max(startLine.line, joinLine.line)];
    if (!inOneLoop(startLine.path, from, to)) continue;
    return { what: join.what, joined: join.name, started: after.name, join: joinLine, start: startLine };
  }
  return null;
}

export const joinInStartLoop: Diagnosis = {
  id: 'join-in-start-loop',
  diagnose(evidence: Evidence) {
    const serial = serialStarts(evidence.lifecycle ?? []);
    if (serial === null) return null;
    const { joined, started, start } = serial;
    const process = serial.what === 'Process';
    const them = process ? text('procesos', 'processes') : text('hilos', 'threads');
    const v = process ? 'p' : 't';
    const list = process ? 'processes' : 'threads';
    return {
      message: text(`join() dentro del bucle que arranca los ${them.es}: se espera a ${joined} antes de arrancar ${started} (${start.file}:${start.line}), así que el trabajo va de uno en uno, nunca a la vez.`,
        `join() inside the loop that starts the ${them.en}: ${joined} is waited for before ${started} starts (${start.file}:${start.line}), so the work runs one after another, never at once.`),
      hint: text(`Arráncalos todos en un bucle y espéralos en otro: for (const ${v} of ${list}) ${v}.start(); y después for (...) await ${v}.join();`,
        `Start them all in one loop, then wait for them in another: for (const ${v} of ${list}) ${v}.start(); then for (...) await ${v}.join();`),
      where: serial.join,
    };
  },
};
