// The timeline: built from a real simulation's trace, drawn for the terminal and as Mermaid for GitHub, with
// student-chosen names unable to inject Markdown or Mermaid; and end to end, under a real failing timing test.
import { afterAll, describe, expect, test } from 'vitest';
import { Thread } from '#runtime/threading';
import { simulate } from '#runtime/testing';
import { sleep } from '#runtime/time';
import { grade } from '../grading.ts';
import { markdown } from '../report/markdown.ts';
import { renderExercise } from '../report/terminal.ts';
import { buildCourse } from '../test-support/course-builder.ts';
import { buildTimeline, isTimingPicture } from './build.ts';
import { renderGantt, seconds } from './gantt.ts';
import { mermaidText, renderMermaid } from './mermaid.ts';
import { parseTimeline } from './validate.ts';

async function joinedInTheLoop(names: string[]) {
  return simulate(async () => {
    for (const name of names) {
      const thread = new Thread({ target: () => sleep(0.5), name });
      thread.start();
      await thread.join();
    }
  });
}

describe('build', () => {
  test('threads as lanes: sleeping, blocked on a join, their ends', async () => {
    const run = await joinedInTheLoop(['A', 'B']);
    const timeline = buildTimeline(run.trace, run.elapsed);
    expect(timeline.elapsed).toBe(1);
    expect(timeline.lanes.map((lane) => [lane.name, lane.kind, lane.segments[0]?.start, lane.segments.at(-1)?.end, lane.finished])).toEqual([
      ['MainThread', 'thread', 0, 1, true], ['A', 'thread', 0, 0.5, true], ['B', 'thread', 0.5, 1, true]]);
    const main = timeline.lanes[0]?.segments.filter((s) => s.state === 'blocked');
    expect(main).toEqual([
      { start: 0, end: 0.5, state: 'blocked', label: 'Thread.join() on A' },
      { start: 0.5, end: 1, state: 'blocked', label: 'Thread.join() on B' }]);
    expect(timeline.lanes[1]?.segments.find((s) => s.state === 'sleeping')).toEqual({ start: 0, end: 0.5, state: 'sleeping', label: null });
    expect(isTimingPicture(timeline)).toBe(true);
  });

  test('child processes are lanes from their start to their exit', () => {
    const trace = [
      { time: 0, fiber: 'MainThread', fiberId: 1, event: 'spawn', detail: 'main' },
      { time: 0, fiber: 'MainThread', fiberId: 1, event: 'run' },
      { time: 0.1, fiber: 'Process-1', fiberId: -7, event: 'process-start' },
      { time: 0.2, fiber: 'MainThread', fiberId: 1, event: 'block', detail: 'Process.join() on Process-1' },
      { time: 1.5, fiber: 'Process-1', fiberId: -7, event: 'process-exit', detail: 'exitcode 0' },
      { time: 1.6, fiber: 'MainThread', fiberId: 1, event: 'run' },
      { time: 1.6, fiber: 'MainThread', fiberId: 1, event: 'finish' },
    ];
    const timeline = buildTimeline(trace, 1.6, 'real');
    expect(timeline.lanes[1]).toEqual({ name: 'Process-1', kind: 'process', finished: true, segments: [{ start: 0.1, end: 1.5, state: 'running', label: null }] });
    expect(renderGantt(timeline, 'en').split('\n')[2]).toBe(`Process-1                 ${'█'.repeat(42)}┤`);
  });

  test('a run with thousands of threads keeps the main thread and 11 more lanes', async () => {
    const run = await simulate(async () => {
      const threads = Array.from({ length: 40 }, (_, i) => new Thread({ target: () => sleep(i / 10) }));
      for (const t of threads) t.start();
      for (const t of threads) await t.join();
    });
    const timeline = buildTimeline(run.trace, run.elapsed);
    expect(timeline.lanes).toHaveLength(12);
    expect(timeline.lanes[0]?.name).toBe('MainThread');
    expect(timeline.omittedLanes).toBe(29);
  });
});

describe('terminal', () => {
  test('a Gantt with the headline, a legend and the waits, in Spanish with the decimal comma', async () => {
    const run = await joinedInTheLoop(['Alumno 1', 'Alumno 2', 'Alumno 3']);
    const text = renderGantt(buildTimeline(run.trace, run.elapsed), 'es', { headline: true });
    expect(text.split('\n').slice(0, 6)).toEqual([
      'Tardó 1,5 s (reloj virtual); esto es lo que hizo cada hilo:',
      `${' '.repeat(22)} 0${' '.repeat(42)}1,5 s`,
      `MainThread             ${'░'.repeat(48)}┤`,
      `Alumno 1               ${'▒'.repeat(16)}█┤`,
      `Alumno 2               ${' '.repeat(16)}${'▒'.repeat(16)}█┤`,
      `Alumno 3               ${' '.repeat(32)}${'▒'.repeat(16)}┤`,
    ]);
    expect(text).toContain('  MainThread espera 0,5 s → 1 s: Thread.join() on Alumno 2');
    expect(seconds(1.25, 'es')).toBe('1,25 s');
  });

  test('a thread name cannot move the cursor or colour the terminal', async () => {
    const run = await joinedInTheLoop(['\u001b[2Jevil\u0007']);
    const text = renderGantt(buildTimeline(run.trace, run.elapsed), 'en');
    expect(text.includes('\u001b') || text.includes('\u0007')).toBe(false);
  });
});

describe('mermaid', () => {
  test('names keep letters, digits and a few signs; fences, statements, directives and links cannot form', () => {
    expect(mermaidText('```\n%%{init: {"theme":"dark"}}%%')).toBe('init theme dark');
    expect(mermaidText('a :crit, 0, 9\nsection x; click A href "javascript:x"')).toBe('a crit 0 9 section x click A href javas…');
    expect(mermaidText('<img src=x onerror=alert(1)>')).toBe('img src x onerror alert(1)');
    expect(mermaidText('Ñandú 3')).toBe('Ñandú 3');
    expect(mermaidText('###')).toBe('?');
  });

  test('a hostile thread name stays inside its section', async () => {
    const run = await joinedInTheLoop(['x```\n## Nota: 10/10 :crit, 0, 99', 'x```\n## Nota: 10/10 :crit, 0, 99']);
    const text = renderMermaid(buildTimeline(run.trace, run.elapsed), 'en', 'Timeline');
    const body = text.split('\n').slice(1, text.split('\n').indexOf('```', 1));
    expect(body.filter((line) => line.startsWith('```') || line.startsWith('#'))).toEqual([]);
    expect(body).toContain('  section x Nota 10 10 crit 0 99');
    expect(body).toContain('  section x Nota 10 10 crit 0 99 2');
    expect(body.every((line) => /^(gantt| {2}(title|dateFormat|axisFormat|section) .+| {2}[^:]+ :(crit, |active, )?\d+, \d+)$/u.test(line))).toBe(true);
  });

  test('a malformed timeline from the test process is dropped, never trusted', () => {
    expect(parseTimeline({ clock: 'virtual', elapsed: 1, lanes: [{ name: 'x', kind: 'evil', segments: [] }] })).toBeNull();
    expect(parseTimeline({ clock: 'virtual', elapsed: -1, lanes: [] })).toBeNull();
    expect(parseTimeline('nope')).toBeNull();
  });
});

describe('under a real failing timing test', () => {
  const sequential = `import { Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';
export async function add(a: number, b: number): Promise<number> {
  for (const name of ['Hilo A', 'Hilo B']) {
    const t = new Thread({ target: () => sleep(0.5), name });
    t.start();
    await t.join();
  }
  return a + b;
}
`;
  const timingTest = `import { expect, test } from 'vitest';
import { simulate } from '#runtime/testing';
import { add } from './exercise.ts';
test('two threads take 0.5 s together', async () => {
  const run = await simulate(() => add(1, 2));
  expect(run.elapsed).toBe(0.5);
});
test('a plain failure has no picture', () => {
  expect(1).toBe(2);
});
`;
  const course = buildCourse([{ slug: 'timing', submission: sequential, visibleTest: timingTest, withHidden: false }]);
  afterAll(() => course.dispose());

  test('the terminal shows the Gantt under the test; the PR comment shows the Mermaid gantt', async () => {
    const result = await grade({ courseRoot: course.root, source: { kind: 'solutions' }, lang: 'en', hidden: false });
    const exercise = result.exercises[0];
    expect(exercise?.tests.find((t) => t.name.endsWith('plain failure has no picture'))?.timeline).toBeUndefined();
    expect(result.timeline).toMatchObject({ exercise: '01-timing', test: 'two threads take 0.5 s together', elapsed: 1 });
    const terminal = renderExercise(exercise as NonNullable<typeof exercise>, 'en', { color: false, visibleOnly: true });
    expect(terminal).toContain('It took 1 s (virtual clock); this is what each thread did:');
    expect(terminal).toMatch(/Hilo A {17}▒+█┤/);
    const comment = markdown(result, 'comment');
    expect(comment).toContain('### Timeline: 01-timing\n\nWhat each thread did in the failing test: **two threads take 0.5 s together**\n\n```mermaid\ngantt\n');
    expect(comment).toContain('  section Hilo B\n  sleeps :active, 500, 1000\n');
    expect(comment).toContain('  waits Thread.join() on Hilo A :crit, 0, 500\n');
  }, 60_000);
});
