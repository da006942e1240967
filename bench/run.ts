// `npm run bench [-- name ...]`: runs the benchmarks (all, or those named) and appends a dated section with
// the machine's description and each benchmark's results to bench/RESULTS.md. Exits 1 if a budget failed.
// To add a benchmark: write bench/<name>.ts exporting a `Benchmark` (see bench/lib/context.ts), list it below.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type BenchContext, type Benchmark } from './lib/context.ts';
import { machineInfo } from './lib/machine.ts';
import { startPreview, type Preview } from './lib/server.ts';
import { buildTime } from './build-time.ts';
import { pageWeight } from './page-weight.ts';
import { modelLatency } from './model-latency.ts';
import { attentionLatency } from './attention-latency.ts';
import { liveLatency } from './live-latency.ts';
import { convnetLatency } from './convnet-latency.ts';
import { memoryLatency } from './memory-latency.ts';
import { splatSort } from './splat-sort.ts';
import { splatHierarchy } from './splat-hierarchy.ts';
import { splatFrame } from './splat-frame.ts';

// In order: the build runs first so that later benchmarks measure a fresh dist/.
const BENCHMARKS: Benchmark[] = [buildTime, pageWeight, modelLatency, attentionLatency, liveLatency, convnetLatency, memoryLatency, splatSort, splatHierarchy, splatFrame];

const RESULTS = join(ROOT, 'bench', 'RESULTS.md');

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  if (process.argv.includes('--list')) {
    for (const b of BENCHMARKS) console.log(`${b.name}\t${b.description}`);
    return 0;
  }
  const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const selected = wanted.length ? BENCHMARKS.filter((b) => wanted.includes(b.name)) : BENCHMARKS;

  let preview: Preview | undefined;
  const ctx: BenchContext = {
    async server() {
      preview ??= await startPreview();
      return preview.origin;
    },
    log: (...args) => console.log('  ', ...args),
  };

  const machine = machineInfo();
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const sections: string[] = [];
  const verdicts: string[] = [];
  let ok = true;
  try {
    for (const b of selected) {
      console.log(`bench ${b.name}: ${b.description}`);
      try {
        const r = await b.run(ctx);
        sections.push(r.markdown);
        verdicts.push(`${b.name} ${r.ok ? 'PASS' : 'FAIL'}`);
        ok &&= r.ok;
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        console.error(`bench ${b.name} failed: ${msg}`);
        sections.push(`### ${b.name}\n\nError: \`${msg.split('\n')[0]}\``);
        verdicts.push(`${b.name} ERROR`);
        ok = false;
      }
    }
  } finally {
    await preview?.stop();
  }

  if (!existsSync(RESULTS)) {
    writeFileSync(RESULTS, '# Benchmark results\n\nAppended by `npm run bench` (bench/run.ts); newest last.\n');
  }
  const header = [
    '',
    `## ${date}`,
    '',
    Object.entries(machine)
      .map(([k, v]) => `- ${k}: ${v}`)
      .join('\n'),
    `- benchmarks: ${selected.map((b) => b.name).join(', ')}`,
    '',
  ].join('\n');
  appendFileSync(RESULTS, header + '\n' + sections.join('\n\n') + '\n');
  console.log(`\nresults appended to bench/RESULTS.md`);
  console.log(`BENCH ${ok ? 'PASS' : 'FAIL'} (${verdicts.join(', ')})`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
