// A browser harness for a benchmark without the site's build: one TS entry bundled by Vite (library mode, one
// ES module) into a temporary folder, and served with a blank page that loads it, from a node:http server
// on 127.0.0.1 (a secure context, which WebGPU requires), cross-origin isolated for finer timers.
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { ROOT } from './context.ts';
import { freePort } from './server.ts';

export type HarnessPage = { origin: string; stop(): Promise<void> };

const SCRIPT = 'harness.js';

/** Bundles `entry` (a path from the repository root) and serves it at `<origin>/` until stop(). */
export async function serveHarness(entry: string): Promise<HarnessPage> {
  const dir = await mkdtemp(join(tmpdir(), 'dezoom-harness-'));
  try {
    await build({
      configFile: false,
      root: ROOT,
      publicDir: false,
      logLevel: 'warn',
      build: {
        outDir: dir,
        emptyOutDir: false,
        minify: false,
        target: 'esnext',
        copyPublicDir: false,
        reportCompressedSize: false,
        lib: { entry: join(ROOT, entry), formats: ['es'], fileName: () => SCRIPT },
      },
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const script = await readFile(join(dir, SCRIPT));
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>harness</title><link rel="icon" href="data:,"></head><body><script type="module" src="/${SCRIPT}"></script></body></html>`;

  // Cross-origin isolated, so that performance.now() has 5 µs resolution rather than 100 µs.
  const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...isolated });
      res.end(page);
    } else if (path === `/${SCRIPT}`) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', ...isolated });
      res.end(script);
    } else {
      res.writeHead(404).end();
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
