// scripts/postbuild.ts: the WebGPU runtime is stored gzip'd (and unzips to the same bytes, as the worker does
// it), and an output with a file over the limit or a file emitted twice is refused.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressWebgpuRuntime, distProblems, swManifest, writeServiceWorker } from '../../../scripts/postbuild.ts';
import { gunzipIfNeeded, isGzip } from '../../../widgets/runtime/ort/gzip.ts';

const wasmLike = () => Uint8Array.from({ length: 5000 }, (_, i) => (i < 4 ? [0x00, 0x61, 0x73, 0x6d][i] : (i * 7919) % 251));

function outDir(files: Record<string, Uint8Array | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dist-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

describe('postbuild', () => {
  it('replaces the WebGPU runtime by its gzip, which unzips to the same bytes', async () => {
    const raw = wasmLike();
    const dir = outDir({ '_astro/ort-wasm-simd-threaded.asyncify.D5D0fo7z.wasm': raw, '_astro/ort-wasm-simd-threaded.Dc.wasm': 'other' });
    expect(compressWebgpuRuntime(dir).map((f) => f.slice(dir.length))).toEqual(['/_astro/ort-wasm-simd-threaded.asyncify.D5D0fo7z.wasm.gz']);
    expect(readdirSync(join(dir, '_astro')).sort()).toEqual(['ort-wasm-simd-threaded.Dc.wasm', 'ort-wasm-simd-threaded.asyncify.D5D0fo7z.wasm.gz']);
    const stored = new Uint8Array(readFileSync(join(dir, '_astro/ort-wasm-simd-threaded.asyncify.D5D0fo7z.wasm.gz')));
    expect(isGzip(stored)).toBe(true);
    expect(await gunzipIfNeeded(stored)).toEqual(raw);
  });

  it('passes bytes that are not gzip through (a host that already unzipped the file)', async () => {
    const raw = wasmLike();
    expect(await gunzipIfNeeded(raw)).toBe(raw);
    expect(await gunzipIfNeeded(new Uint8Array(gzipSync(raw)))).toEqual(raw);
  });

  it('refuses a file over the limit and the same bytes under two names', () => {
    const dir = outDir({ 'a/big.bin': new Uint8Array(2048), 'b/one.wasm': 'same bytes', 'c/two.wasm': 'same bytes', 'ok.txt': 'fine' });
    const problems = distProblems(dir, 1024);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^a\/big\.bin is 0\.0 MiB, over the 0 MiB/);
    expect(problems[1]).toBe('the same bytes are emitted 2 times: b/one.wasm, c/two.wasm');
    expect(distProblems(outDir({ 'x.txt': 'x', 'y.txt': 'y' }))).toEqual([]);
  });

  it('versions the service worker by the bytes it precaches (the essays\' thumbnails included), and leaves out feeds and the WebGPU runtime', () => {
    const dir = outDir({
      'index.html': 'home',
      'articles/a/index.html': 'essay',
      'models/m.onnx': 'weights v1',
      'og/a.png': 'png',
      'rss.xml': 'feed',
      'sitemap-index.xml': 'map',
      '_astro/ort-wasm-simd-threaded.asyncify.X.wasm.gz': 'gz',
      '_astro/app.Y.js': 'js',
    });
    const first = swManifest(dir, '/dezoom/');
    expect(first.base).toBe('/dezoom/');
    expect([...first.files].sort()).toEqual(['', '_astro/app.Y.js', 'articles/a/', 'models/m.onnx', 'og/a.png']);
    expect(swManifest(dir, '/').base).toBe('/');
    writeFileSync(join(dir, 'models/m.onnx'), 'weights v2'); // a retrained model, same name
    const second = writeServiceWorker(dir, '/dezoom/');
    expect(second.version).not.toBe(first.version);
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    expect(sw).toContain(`const MANIFEST = ${JSON.stringify(second)};`);
    expect(swManifest(dir, '/dezoom/').version, 'sw.js itself is not part of the version').toBe(second.version);
  });
});
