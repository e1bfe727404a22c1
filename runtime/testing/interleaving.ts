// A per-thread table of a run (one column per thread, one row per event), the most readable form of an
// interleaving for students (Lincheck prints the same kind of table).
import type { TraceEvent } from '../core/index.ts';

const WIDTH = 24;

function cell(text: string): string {
  return text.length > WIDTH ? `${text.slice(0, WIDTH - 1)}…` : text.padEnd(WIDTH);
}

function label(event: TraceEvent): string {
  switch (event.event) {
    case 'run':
      return 'runs';
    case 'block':
      return event.detail === 'time.sleep()' || event.detail === 'asyncio.sleep()' ? 'sleeps' : `waits: ${event.detail ?? ''}`;
    case 'yield':
      return 'yields';
    case 'finish':
      return 'ends';
    case 'external':
      return `awaits ${event.detail ?? 'outside work'}`;
    default:
      return event.event;
  }
}

/** Formats the last `limit` events of a trace as a table with a column per thread. */
export function formatInterleaving(trace: readonly TraceEvent[], limit = 60): string {
  const events = trace.filter((e) => e.event !== 'spawn');
  const shown = events.slice(-limit);
  const columns: string[] = [];
  for (const e of events) if (!columns.includes(e.fiber)) columns.push(e.fiber);
  const header = `${'time'.padStart(9)} | ${columns.map(cell).join(' | ')}`;
  const lines = [header, '-'.repeat(header.length)];
  if (shown.length < events.length) lines.push(`${'...'.padStart(9)} | (${events.length - shown.length} earlier events)`);
  for (const e of shown) {
    const row = columns.map((c) => cell(c === e.fiber ? label(e) : ''));
    lines.push(`${e.time.toFixed(3).padStart(9)} | ${row.join(' | ')}`.trimEnd());
  }
  return lines.join('\n');
}
