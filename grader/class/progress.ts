// A progress bar for a terminal (redrawn in place), or one line per step when the output is a file or
// a CI log, where carriage returns would pile up.
export interface Progress {
  tick(label: string): void;
  done(): void;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function progressBar(total: number, stream: { write(text: string): unknown; isTTY?: boolean; columns?: number }, now: () => number = () => performance.now()): Progress {
  const started = now();
  let count = 0;
  const width = 24;
  return {
    tick(label: string): void {
      count += 1;
      const elapsed = (now() - started) / 1000;
      const left = count === 0 ? 0 : (elapsed / count) * (total - count);
      const filled = total === 0 ? width : Math.round((count / total) * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}/${total}  ${clock(elapsed)} elapsed, ~${clock(left)} left  ${label}`;
      if (stream.isTTY === true) stream.write(`\r${line.slice(0, Math.max(20, (stream.columns ?? 100) - 1)).padEnd(Math.max(20, (stream.columns ?? 100) - 1))}`);
      else stream.write(`${line}\n`);
    },
    done(): void {
      if (stream.isTTY === true) stream.write('\n');
    },
  };
}
