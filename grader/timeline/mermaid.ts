// The timeline as a Mermaid gantt, which GitHub renders in the PR comment and the job summary. Student text
// (thread names, what a thread waited for) is reduced to letters, digits and a few safe signs, so it can close
// neither the code fence nor a Mermaid statement, nor start a directive (%%) or a link.
import type { Lang } from '../i18n.ts';
import { seconds } from './gantt.ts';
import type { Timeline } from './model.ts';

/** Letters, digits, space and . _ - ( ) only; everything else becomes a space; at most `max` characters. */
export function mermaidText(text: string, max = 40): string {
  const safe = text.normalize('NFC').replace(/[^\p{L}\p{N} ._()-]/gu, ' ').replace(/\s+/g, ' ').trim();
  const cut = safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
  return cut === '' ? '?' : cut;
}

const ms = (value: number): number => Math.round(value * 1000);

export function renderMermaid(timeline: Timeline, lang: Lang, title: string): string {
  const lines = ['```mermaid', 'gantt', `  title ${mermaidText(title, 80)}`, '  dateFormat x', '  axisFormat %S.%L s'];
  const word = lang === 'es' ? { running: 'ejecuta', ready: 'lista', sleeping: 'duerme', blocked: 'espera' } : { running: 'runs', ready: 'ready', sleeping: 'sleeps', blocked: 'waits' };
  const used = new Set<string>();
  for (const lane of timeline.lanes) {
    // Two lanes with the same cleaned name would merge into one section.
    let name = mermaidText(lane.name);
    for (let n = 2; used.has(name); n++) name = `${mermaidText(lane.name, 36)} ${n}`;
    used.add(name);
    lines.push(`  section ${name}`);
    const before = lines.length;
    for (const segment of lane.segments) {
      // On the virtual clock running takes no time: those instants would be noise.
      if (timeline.clock === 'virtual' && (segment.state === 'running' || segment.state === 'ready') && segment.end === segment.start) continue;
      const end = Math.max(ms(segment.end), ms(segment.start) + 1);
      const label = segment.state === 'blocked' && segment.label !== null ? `${word.blocked} ${mermaidText(segment.label, 50)}` : word[segment.state];
      const tag = segment.state === 'blocked' ? 'crit, ' : segment.state === 'sleeping' ? 'active, ' : '';
      lines.push(`  ${label} :${tag}${ms(segment.start)}, ${end}`);
    }
    // A section needs a task: a lane that only ran instants shows one at its start.
    const start = ms(lane.segments[0]?.start ?? 0);
    if (lines.length === before) lines.push(`  ${word.running} :${start}, ${start + 1}`);
  }
  lines.push('```');
  const note = lang === 'es' ? `Tiempo total: ${seconds(timeline.elapsed, lang)}` : `Total time: ${seconds(timeline.elapsed, lang)}`;
  const omitted = timeline.omittedLanes ?? 0;
  return `${lines.join('\n')}\n\n${note}${omitted > 0 ? ` (+${omitted} ${lang === 'es' ? 'carriles más' : 'more lanes'})` : ''}`;
}
