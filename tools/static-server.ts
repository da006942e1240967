// A static file server shaped like the hosts in docs/DEPLOY.md: the site's folder served under a base path
// (e.g. /dezoom/, as a GitHub Pages project site is), 404.html for a missing page, nothing outside the base
// path, and optional response headers (HEADERS_FILE: a JSON object of header -> value for every response, to
// test the Content-Security-Policy a host would send). No compression, no rewriting: what is in the folder is
// what a reader gets.
//
//   node tools/static-server.ts <dir> <base path> <port>
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.gz': 'application/gzip',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function startStaticServer(dir: string, base: string, port: number, headers: Record<string, string> = {}) {
  const root = resolve(dir);
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const server = createServer((req, res) => {
    const send = (status: number, file: string | null, extra: Record<string, string> = {}) => {
      res.writeHead(status, { ...headers, ...extra, ...(file ? { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': String(statSync(file).size) } : { 'content-type': 'text/plain' }) });
      if (!file || req.method === 'HEAD') return void res.end(file ? undefined : 'not found');
      createReadStream(file).pipe(res);
    };
    const url = new URL(req.url ?? '/', 'http://x');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(400, null);
    }
    if (path === prefix.slice(0, -1)) return send(301, null, { location: prefix });
    if (!path.startsWith(prefix)) return send(404, null);
    const rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, rel);
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) return send(301, null, { location: `${path}/${url.search}` });
      file = join(file, 'index.html');
    } else if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (existsSync(file) && statSync(file).isFile()) return send(200, file);
    const notFound = join(root, '404.html');
    return send(404, existsSync(notFound) ? notFound : null);
  });
  return new Promise<typeof server>((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, base = '/', port = '4331'] = process.argv.slice(2);
  if (!dir || !existsSync(dir)) {
    console.error(`static-server: no folder "${dir}" (build it first)`);
    process.exit(1);
  }
  const headers = process.env.HEADERS_FILE ? (JSON.parse(readFileSync(process.env.HEADERS_FILE, 'utf8')) as Record<string, string>) : {};
  await startStaticServer(dir, base, Number(port), headers);
  console.log(`serving ${dir} at http://127.0.0.1:${port}${base}`);
}
