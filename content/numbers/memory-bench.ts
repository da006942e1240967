/**
 * The forward-latency runs of `npm run bench -- memory-latency`, read from bench/RESULTS.md (the benchmark's
 * own record: a `## <ISO time>` section per run, its load average, and a table of median milliseconds per model
 * at T = 128 and 1,024 tokens). Pure: takes the file's text, so the essay and its claim test read it the same way.
 */

export interface LatencyRun {
  /** The section's heading: when the run started (ISO, UTC). */
  when: string;
  /** The 1-minute load average when it ran: the shared machine's load dominates these timings. */
  load: number;
  /** The two lengths read, in tokens (the table's T= columns). */
  lengths: { short: number; long: number };
  /** Median milliseconds: lstm and transformer, at the short and the long length. */
  lstm: { short: number; long: number };
  transformer: { short: number; long: number };
}

const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());

/** Every memory-latency run in the file, oldest first; a section missing a row or a number is skipped. */
export function latencyRuns(results: string): LatencyRun[] {
  const runs: LatencyRun[] = [];
  for (const section of results.split(/^## /m).slice(1)) {
    if (!/benchmarks:.*\bmemory-latency\b/.test(section)) continue;
    const when = section.split('\n')[0]!.trim();
    const load = Number(/load average \(1, 5, 15 min\): ([\d.]+)/.exec(section)?.[1]);
    const lines = section.split('\n').filter((l) => l.startsWith('|'));
    const row = (name: RegExp) => {
      const line = lines.find((l) => name.test(cells(l)[0] ?? ''));
      if (!line) return null;
      const [short, long] = cells(line).slice(1).map((c) => Number(c.replace(/,/g, '')));
      return Number.isFinite(short) && Number.isFinite(long) ? { short: short!, long: long! } : null;
    };
    const header = lines.find((l) => /T=\d/.test(l));
    const [short, long] = header ? cells(header).slice(1).map((c) => Number(/T=([\d,]+)/.exec(c)?.[1]?.replace(/,/g, ''))) : [];
    const lstm = row(/^LSTM/);
    const transformer = row(/^transformer/);
    if (lstm && transformer && Number.isFinite(load) && Number.isFinite(short) && Number.isFinite(long))
      runs.push({ when, load, lengths: { short: short!, long: long! }, lstm, transformer });
  }
  return runs;
}
