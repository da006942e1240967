// The essays of a built site, from dist/sitemap-index.xml.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const locs = (xml: string) => [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/g)].map((m) => m[1]!);

export function articlePaths(dist = process.env.SHOTS_DIST ?? 'dist'): string[] {
  const index = join(dist, 'sitemap-index.xml');
  if (!existsSync(index)) throw new Error(`${index} is missing: build the site first`);
  return locs(readFileSync(index, 'utf8'))
    .flatMap((set) => locs(readFileSync(join(dist, new URL(set).pathname), 'utf8')))
    .map((url) => new URL(url).pathname)
    .filter((path) => /^\/articles\/[^/]+\/$/.test(path))
    .sort();
}
