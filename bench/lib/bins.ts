// The project's CLIs, run on the current Node (the project-local Node 24 under `npm run bench`).
import { spawn, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './context.ts';

/**
 * The script behind `node_modules/.bin/<name>` (a package of the same name, as for astro and pagefind),
 * read from its package.json: some packages don't export ./package.json to require().
 */
export function binOf(name: string, pkg = name): string {
  const dir = join(ROOT, 'node_modules', pkg);
  const pj = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const rel = typeof pj.bin === 'string' ? pj.bin : pj.bin?.[name];
  if (!rel) throw new Error(`package ${pkg} has no "${name}" bin`);
  return join(dir, rel);
}

export const ASTRO = () => binOf('astro');

/** Runs `node <script> ...args` in the repo root; resolves with the captured output, rejects on failure. */
export function runNode(script: string, args: string[], opts: SpawnOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${script} ${args.join(' ')} exited with ${code ?? signal}\n${out.slice(-4000)}`));
    });
  });
}
