// After `astro build` (npm run build): what the bundler cannot express, then the checks every host needs, then
// the search index. The output folder is OUT_DIR (default dist/).
//
// 1. The WebGPU build of onnxruntime-web instantiates a 26.8 MB .wasm: over Cloudflare Pages' 25 MiB limit per
//    file. It is stored gzip'd instead (6.6 MB), beside where Vite put it, with ".gz" added to the name; the
//    inference worker fetches that file and unzips it (widgets/runtime/ort/gzip.ts) whatever the host does
//    with the encoding. The raw file is removed: nothing fetches it (ORT is handed the bytes).
// 2. Every host: no file over 25 MiB, and no file emitted twice under two names (the same bytes twice cost
//    the reader a second download).
// 3. Pagefind's index, under the same base path as the pages.
// 4. The service worker (sw.js, from scripts/service-worker.js), versioned by the bytes of what it precaches.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** The WebGPU runtime as Vite emits it: _astro/ort-wasm-simd-threaded.asyncify.<hash>.wasm. */
export const WEBGPU_WASM = /^ort-wasm-simd-threaded\.asyncify\.[\w-]+\.wasm$/;

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Gzips the WebGPU runtime in place (name + ".gz") and removes the raw file; returns the files written. */
export function compressWebgpuRuntime(outDir: string): string[] {
  const astroDir = join(outDir, '_astro');
  const written: string[] = [];
  for (const name of readdirSync(astroDir).filter((n) => WEBGPU_WASM.test(n))) {
    const path = join(astroDir, name);
    writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
    rmSync(path);
    written.push(`${path}.gz`);
  }
  return written;
}

/** Files over the limit, and groups of files with the same bytes; [] when the output is fit to host. */
export function distProblems(outDir: string, maxBytes = MAX_FILE_BYTES): string[] {
  const problems: string[] = [];
  const byHash = new Map<string, string[]>();
  for (const file of filesUnder(outDir)) {
    const size = statSync(file).size;
    const rel = relative(outDir, file);
    if (size > maxBytes) problems.push(`${rel} is ${(size / 2 ** 20).toFixed(1)} MiB, over the ${(maxBytes / 2 ** 20).toFixed(0)} MiB a file may be on Cloudflare Pages`);
    if (size === 0) continue;
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
    byHash.set(hash, [...(byHash.get(hash) ?? []), rel]);
  }
  for (const files of byHash.values()) if (files.length > 1) problems.push(`the same bytes are emitted ${files.length} times: ${files.sort().join(', ')}`);
  return problems;
}

/**
 * Files the service worker does not precache: feeds, host configuration, and itself. The link-preview images
 * (og/) are precached: the home page and the essay list show them as the essays' thumbnails, offline too.
 */
const NOT_PRECACHED = [/^sitemap/, /^rss\.xml$/, /^_headers$/, /^sw\.js$/, /\.wasm\.gz$/];

/** The service worker's manifest: files (as URLs relative to the base: a folder's index.html as the folder). */
export function swManifest(outDir: string, base: string) {
  const files: string[] = [];
  const hash = createHash('sha256');
  for (const file of filesUnder(outDir).sort()) {
    const rel = relative(outDir, file).split('\\').join('/');
    if (NOT_PRECACHED.some((re) => re.test(rel))) continue;
    const url = rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
    files.push(url);
    hash.update(`${url}\0`).update(createHash('sha256').update(readFileSync(file)).digest());
  }
  return { version: hash.digest('hex').slice(0, 16), base: `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/'), files };
}

export function writeServiceWorker(outDir: string, base: string) {
  const manifest = swManifest(outDir, base);
  const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
  writeFileSync(join(outDir, 'sw.js'), template.replace('/* manifest */ null', () => JSON.stringify(manifest)));
  return manifest;
}

function main() {
  const outDir = process.env.OUT_DIR || 'dist';
  const written = compressWebgpuRuntime(outDir);
  if (written.length !== 1) {
    console.error(`postbuild: expected one WebGPU runtime (ort-wasm-simd-threaded.asyncify.*.wasm) in ${outDir}/_astro/, found ${written.length}`);
    process.exit(1);
  }
  const problems = distProblems(outDir);
  if (problems.length) {
    console.error(`postbuild: ${outDir}/ is not fit to host:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  const pagefind = spawnSync('npx', ['pagefind', '--site', outDir, '--quiet'], { stdio: 'inherit' });
  if (pagefind.status !== 0) process.exit(pagefind.status ?? 1);
  const sw = writeServiceWorker(outDir, process.env.BASE_PATH || '/');
  console.log(`postbuild: sw.js version ${sw.version}, ${sw.files.length} files precached`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
