// (a) Build time: wall clock of one run of each step of `npm run build` (e.g. `astro build`, then
// `pagefind --quiet`), read from package.json so that the benchmark follows the build script.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { binOf, runNode } from './lib/bins.ts';
import { DIST, ROOT, table, type Benchmark } from './lib/context.ts';

function walk(dir: string): { files: number; bytes: number; html: number } {
  let files = 0, bytes = 0, html = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const s = walk(p);
      files += s.files; bytes += s.bytes; html += s.html;
    } else if (e.isFile()) {
      files++;
      bytes += statSync(p).size;
      if (e.name.endsWith('.html')) html++;
    }
  }
  return { files, bytes, html };
}

/** The steps of the `build` script: `a x && b y` → [['a', ['x']], ['b', ['y']]]. */
export function buildSteps(): { command: string; bin: string; args: string[] }[] {
  const script: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.build;
  return script.split('&&').map((part) => {
    const [bin, ...args] = part.trim().split(/\s+/);
    if (!bin || /[|;<>$`'"]/.test(part)) throw new Error(`cannot time build step "${part.trim()}"`);
    return { command: part.trim(), bin, args };
  });
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

export const buildTime: Benchmark = {
  name: 'build',
  description: 'wall-clock time of each step of `npm run build` (one run each)',
  async run(ctx) {
    const rows: string[][] = [];
    let total = 0;
    for (const step of buildSteps()) {
      ctx.log(`${step.command} …`);
      const t = performance.now();
      await runNode(binOf(step.bin), step.args);
      const ms = performance.now() - t;
      total += ms;
      ctx.log(`${step.command}: ${seconds(ms)} s`);
      rows.push([`\`${step.command}\``, seconds(ms)]);
    }
    rows.push(['**total**', `**${seconds(total)}**`]);
    const d = walk(DIST);
    const markdown = [
      '### Build time (one run, wall clock)',
      '',
      table(['step', 'seconds'], rows),
      '',
      `dist/: ${d.files} files, ${d.html} HTML pages, ${(d.bytes / 1e6).toFixed(2)} MB.`,
    ].join('\n');
    return { markdown, ok: true };
  },
};
