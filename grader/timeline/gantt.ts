// The terminal picture of a timeline: one row per lane, time left to right, a legend, and the waits spelt
// out below ("MainThread waited 0–1,5 s for Thread.join() on Thread-1"). Student names pass through
// sanitize (no escape sequences) and are cut to a column.
import type { Lang } from '../i18n.ts';
import { sanitize } from '../sanitize.ts';
import type { Lane, SegmentState, Timeline } from './model.ts';

const WIDTH = 48;
const NAME_WIDTH = 22;
const CHAR: Record<SegmentState, string> = { running: '█', ready: '▁', sleeping: '▒', blocked: '░' };

/** Seconds with the decimal comma in Spanish ("1,25 s"). */
export function seconds(value: number, lang: Lang): string {
  const text = String(Math.round(value * 1000) / 1000);
  return `${lang === 'es' ? text.replace('.', ',') : text} s`;
}

export function cleanName(name: string, width = NAME_WIDTH): string {
  const flat = sanitize(name, 200).replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

function row(lane: Lane, total: number): string {
  const laneStart = lane.segments[0]?.start ?? 0;
  const laneEnd = lane.segments.at(-1)?.end ?? laneStart;
  const cells: string[] = [] as string[];
  const span = total > 0 ? total / WIDTH : 1;
  for (let i = 0; i < WIDTH; i++) {
    const from = i * span;
    const to = from + span;
    let best: { state: SegmentState; overlap: number } | undefined;
    for (const segment of lane.segments) {
      const overlap = Math.min(to, segment.end) - Math.max(from, segment.start);
      const instant = segment.end === segment.start && segment.start >= from && segment.start < to;
      if ((overlap > 0 || instant) && (best === undefined || overlap > best.overlap)) best = { state: segment.state, overlap: Math.max(overlap, 0) };
    }
    cells.push(best === undefined ? ' ' : CHAR[best.state]);
  }
  // A lane that lived no time at all still shows where it ran.
  if (total > 0 && laneStart === laneEnd && !cells.some((c) => c !== ' ')) cells[Math.min(WIDTH - 1, Math.floor(laneStart / span))] = CHAR.running;
  if (total === 0 && !cells.some((c) => c !== ' ')) cells[0] = CHAR.running;
  const end = lane.finished === true || (lane.finished === undefined && laneEnd < total) ? '┤' : '';
  return `${cells.join('').trimEnd()}${end}`;
}

function waits(timeline: Timeline, lang: Lang): string[] {
  const lines: string[] = [];
  for (const lane of timeline.lanes) {
    for (const segment of lane.segments) {
      if (segment.state !== 'blocked' || segment.end - segment.start < 0.001) continue;
      const what = cleanName(segment.label ?? '', 60);
      const span = `${seconds(segment.start, lang)} → ${seconds(segment.end, lang)}`;
      lines.push(lang === 'es' ? `  ${cleanName(lane.name)} espera ${span}: ${what}` : `  ${cleanName(lane.name)} waits ${span}: ${what}`);
      if (lines.length >= 8) return lines;
    }
  }
  return lines;
}

/** The Gantt with its headline ("you took 1.5 s: here is why") when `headline` is set. */
export function renderGantt(timeline: Timeline, lang: Lang, options: { headline?: boolean; indent?: string } = {}): string {
  const pad = options.indent ?? '';
  const total = timeline.elapsed;
  const clock = timeline.clock === 'virtual' ? (lang === 'es' ? 'reloj virtual' : 'virtual clock') : (lang === 'es' ? 'reloj real' : 'real clock');
  const lines: string[] = [];
  if (options.headline === true) {
    lines.push(lang === 'es' ? `Tardó ${seconds(total, lang)} (${clock}); esto es lo que hizo cada hilo:` : `It took ${seconds(total, lang)} (${clock}); this is what each thread did:`);
  }
  const axisEnd = seconds(total, lang);
  lines.push(`${' '.repeat(NAME_WIDTH)} 0${' '.repeat(Math.max(1, WIDTH - 1 - axisEnd.length))}${axisEnd}`);
  for (const lane of timeline.lanes) lines.push(`${cleanName(lane.name).padEnd(NAME_WIDTH)} ${row(lane, total)}`);
  if ((timeline.omittedLanes ?? 0) > 0) lines.push(lang === 'es' ? `(+${timeline.omittedLanes ?? 0} carriles más)` : `(+${timeline.omittedLanes ?? 0} more lanes)`);
  lines.push(lang === 'es' ? `${CHAR.running} ejecuta  ${CHAR.sleeping} duerme (sleep)  ${CHAR.blocked} espera (join, cerrojo, cola…)  ┤ termina`
    : `${CHAR.running} runs  ${CHAR.sleeping} sleeps  ${CHAR.blocked} waits (join, lock, queue…)  ┤ ends`);
  lines.push(...waits(timeline, lang));
  return lines.map((line) => pad + line).join('\n');
}
