// `npm run bench`: every benchmark module, side by side with CPython 3.11 (when python3 exists), as one table.
// Not part of verify: figures on a shared 2-core machine are noisy; compare ratios within one run.
import { existsSync } from 'node:fs';
import pc from 'picocolors';
import { pythonAvailable, timesBetter, type Row } from './python.ts';

const modules = ['threading', 'asyncio', 'multiprocessing', 'shared', 'grading'];
const only = process.argv.slice(2);

function fmt(value: number | undefined, unit: string): string {
  if (value === undefined) return '—';
  const digits = value >= 1000 ? 0 : value >= 10 ? 1 : 3;
  const text = value >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : value >= 1e4 ? `${(value / 1e3).toFixed(1)} k` : value.toFixed(digits);
  return `${text} ${unit}`;
}

console.log(`node ${process.version}; python3 ${pythonAvailable() ? 'found' : 'missing (no CPython column)'}`);
let failures = 0;
for (const name of modules) {
  if (only.length > 0 && !only.includes(name)) continue;
  const file = new URL(`./${name}.bench.ts`, import.meta.url);
  if (!existsSync(file)) continue;
  const mod = (await import(file.href)) as { run: () => Promise<Row[]> };
  console.log(pc.bold(`\n${name}`));
  for (const row of await mod.run()) {
    if (!row.ok) failures++;
    // Every row reads the same way: "x better" above 1 means ours is better, whether its unit is a time or a rate.
    const better = timesBetter(row);
    const ratio = better !== undefined ? ` (${better.toFixed(2)}x better${row.betterHow ? `, ${row.betterHow}` : ''})` : '';
    console.log(
      `  ${row.ok ? pc.green('✓') : pc.red('✗')} ${row.name.padEnd(42)} ${fmt(row.ours, row.unit).padStart(16)}  ` +
        `CPython ${fmt(row.python, row.unit).padStart(16)}${ratio}  target: ${row.target}`,
    );
  }
}
console.log(failures === 0 ? pc.green('\nall targets met') : pc.yellow(`\n${failures} target(s) missed`));
process.exit(0);
