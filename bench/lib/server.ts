// `astro preview` of dist/ on a free port, as a child process in its own process group.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ASTRO } from './bins.ts';
import { ROOT } from './context.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type Preview = { origin: string; stop(): Promise<void> };

export async function startPreview(timeoutMs = 60_000): Promise<Preview> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [ASTRO(), 'preview', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  let exited = false;
  child.on('exit', () => (exited = true));

  const kill = () => {
    if (!exited && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  };
  process.once('exit', kill);

  const start = Date.now();
  for (;;) {
    if (exited) throw new Error(`astro preview exited early:\n${out}`);
    try {
      const res = await fetch(origin + '/');
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - start > timeoutMs) {
      kill();
      throw new Error(`astro preview did not answer on ${origin} within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    origin,
    async stop() {
      kill();
      process.removeListener('exit', kill);
      if (!exited) await new Promise((r) => child.once('exit', r));
    },
  };
}
