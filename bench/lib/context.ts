// What every benchmark gets, and what it returns. A benchmark is a module in bench/ exporting a `Benchmark`;
// bench/run.ts lists them, runs the selected ones in order and appends their sections to bench/RESULTS.md.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');

export type BenchResult = {
  /** Markdown for bench/RESULTS.md (a `###` heading and below). */
  markdown: string;
  /** false when a budget the benchmark checks was exceeded. */
  ok: boolean;
};

export type Benchmark = {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchResult>;
};

export type BenchContext = {
  /** Origin of a running `astro preview` of dist/ (started on first use, stopped by run.ts). */
  server(): Promise<string>;
  log(...args: unknown[]): void;
};

export function requireDist() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` (or the build benchmark) first');
  }
}

export const kB = (bytes: number) => (bytes / 1000).toFixed(1);

/** A markdown table from a header row and rows. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
