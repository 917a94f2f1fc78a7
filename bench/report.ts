// Shared by the benchmarks: repeated-run statistics, the machine line, tables, and appending to docs/benchmarks.md.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export type Stat = { median: number; min: number; max: number };

export function stat(values: number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function fmt(s: Stat, digits = 2): string {
  const f = (n: number) => n.toFixed(digits);
  return `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

export function machine(): string {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

const FILE = 'docs/benchmarks.md';

/** Prints the section and appends it, dated and with the machine, to docs/benchmarks.md. */
export function publish(title: string, body: string): void {
  const section = `\n## ${title}\n\n_${machine()}_\n\n${body.trim()}\n`;
  process.stdout.write(section);
  if (!existsSync(FILE)) writeFileSync(FILE, '# Benchmarks\n\nAppended by `npm run bench`; newest last. Figures are medians over repeated runs, with (min–max).\n');
  appendFileSync(FILE, section);
}
