// The README's Layout section is the map a contributor reads first: every path it names must exist, every
// widget folder must be a registry key with a README, and the README must not point outside the repository.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const layout = /## Layout\n+```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const named = layout
  .split('\n')
  .map((line) => /^(\S+)/.exec(line)?.[1])
  .filter((path): path is string => !!path);
const registry = readFileSync('widgets/registry.ts', 'utf8');
const widgetFolders = readdirSync('widgets').filter((d) => statSync(`widgets/${d}`).isDirectory() && !['models', 'runtime'].includes(d));

describe('README layout', () => {
  it('names the folders of the tree, each of which exists', () => {
    expect(named.length).toBeGreaterThan(10);
    for (const path of named) {
      if (path.includes('<key>')) continue;
      expect(existsSync(path.replace(/\*.*$/, '')), path).toBe(true);
    }
  });

  it('names every top-level folder that holds tracked work', () => {
    const top = new Set(named.map((p) => p.split('/')[0]));
    for (const dir of ['content', 'src', 'widgets', 'models', 'public', 'test', 'tools', 'bench', 'scripts', 'docs'])
      expect(top.has(dir), dir).toBe(true);
  });

  it('one folder per widget, named by its registry key, each with a README', () => {
    expect(widgetFolders.length).toBeGreaterThanOrEqual(9);
    for (const key of widgetFolders) {
      expect(registry, `widgets/${key}/ is a registry key`).toMatch(new RegExp(`^\\s*'?${key}'?: \\{`, 'm'));
      expect(existsSync(`widgets/${key}/README.md`), `widgets/${key}/README.md`).toBe(true);
    }
    for (const shared of ['widgets/models', 'widgets/models/transformer', 'widgets/runtime', 'widgets/runtime/kit', 'widgets/runtime/ort'])
      expect(existsSync(`${shared}/README.md`), `${shared}/README.md`).toBe(true);
  });

  it('points to docs inside the repository, never outside it', () => {
    expect(readme).not.toMatch(/\.\.\/shared|\(\.\.\//);
    expect(existsSync('docs/ARCHITECTURE.md')).toBe(true);
  });
});
