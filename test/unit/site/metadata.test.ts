// The project's metadata says what is true: the licences the essays state exist as files, and the Node
// versions in package.json and .nvmrc are the ones that install the project and run it.
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const astroEngines = JSON.parse(readFileSync('node_modules/astro/package.json', 'utf8')).engines.node as string;
const major = (version: string) => Number(/(\d+)/.exec(version)?.[1]);
const minVersion = (range: string) => /(\d+)(?:\.(\d+))?/.exec(range)!.slice(1).map((n) => Number(n ?? 0));

describe('licences', () => {
  it('LICENSE is MIT and LICENSE-CONTENT.md is CC BY 4.0, as package.json says', () => {
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License/);
    expect(readFileSync('LICENSE-CONTENT.md', 'utf8')).toMatch(/Creative Commons Attribution 4\.0 International/);
    expect(pkg.license).toBe('MIT AND CC-BY-4.0');
  });

  it('the essays state the same two licences', () => {
    const site = readFileSync('src/lib/site.ts', 'utf8');
    expect(site).toMatch(/license: 'CC BY 4\.0'/);
    expect(readFileSync('src/layouts/Article.astro', 'utf8')).toMatch(/MIT-licensed/);
  });

  it('claims no repository or homepage it cannot back (none is known yet; README says how to add them)', () => {
    for (const field of ['repository', 'homepage']) {
      if (pkg[field] === undefined) continue;
      const url = typeof pkg[field] === 'string' ? pkg[field] : pkg[field].url;
      expect(url, field).toMatch(/^(git\+)?https:\/\//);
      expect(url, field).not.toMatch(/example|localhost|owner|your-?name/i);
    }
  });
});

describe('Node versions', () => {
  it('the pinned Node (a devDependency, which every npm script runs on) satisfies Astro', () => {
    const pinned = major(pkg.devDependencies.node);
    const [astroMajor] = minVersion(astroEngines);
    expect(pinned).toBeGreaterThanOrEqual(astroMajor);
    expect(major(process.version), 'the tests themselves run on the pinned Node').toBe(pinned);
  });

  it('.nvmrc names the pinned major', () => {
    expect(existsSync('.nvmrc')).toBe(true);
    expect(readFileSync('.nvmrc', 'utf8').trim()).toBe(String(major(pkg.devDependencies.node)));
  });

  it('engines asks of the machine only what installing needs (npm 11 needs Node 20.17)', () => {
    expect(minVersion(pkg.engines.node)).toEqual([20, 17]);
  });
});

describe('docs stay inside the repository', () => {
  it('no contributor document points to a path outside it', async () => {
    const { readdirSync } = await import('node:fs');
    const docs = ['README.md', 'CONTRIBUTING.md', 'LICENSE-CONTENT.md', ...readdirSync('docs').map((f) => `docs/${f}`)];
    for (const doc of docs) {
      const text = readFileSync(doc, 'utf8');
      expect(text, doc).not.toMatch(/\.\.\/shared|\/work\//);
    }
    expect(readFileSync('docs/ARCHITECTURE.md', 'utf8')).toMatch(/## The model contract[\s\S]*## The figure contract/);
  });
});
