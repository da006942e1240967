// An essay's <Figure state={…}> must reach the widget's server render before the widget renders: Astro renders
// a component's children before the component when MDX renders it, so Figure.astro's own frontmatter is too
// late. remark-figure-states.ts inserts a call that records each state while MDX builds the page's element tree.
// Here a small essay is compiled by the compiler Astro's MDX integration uses, its element tree built (nothing
// rendered), and the table the server entries read is checked.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '@mdx-js/mdx';
import { remarkFigureStates } from '../../../src/lib/remark-figure-states.ts';
import { figureStateOf, setFigureState } from '../../../widgets/runtime/kit/figure-state.ts';

const ESSAY = `export const ex = { layer: 2, word: 'jumps' };

# An essay

<Figure id="fs-literal" widget="attention" state={{ layer: 3, head: 1, view: 'arcs' }}>
  <Widget figureId="fs-literal" />
</Figure>

Some prose between.

<Figure id="fs-computed" widget="attention" state={{ layer: ex.layer, text: \`The cat \${ex.word}.\` }}>
  <Widget figureId="fs-computed" />
</Figure>

<Figure id="fs-none" widget="attention">
  <Widget figureId="fs-none" />
</Figure>
`;

/** The essay compiled with the plugin, as a module, and its element tree built with stand-in components. */
async function buildTree(source: string): Promise<string> {
  const code = String(await compile(source, { remarkPlugins: [remarkFigureStates], jsxImportSource: 'astro' }));
  const dir = mkdtempSync(join(tmpdir(), 'figure-states-'));
  const file = join(dir, 'essay.mjs');
  writeFileSync(file, code);
  const mod = (await import(/* @vite-ignore */ file)) as { default: (props: unknown) => unknown };
  const Stand = () => null;
  mod.default({ components: { Figure: Stand, Widget: Stand } });
  return code;
}

describe('remark-figure-states', () => {
  it('records every figure’s state, literal or computed, when the element tree is built, before anything renders', async () => {
    setFigureState('fs-none', 'layer=9'); // what a figure of the same id on an earlier page left
    const code = await buildTree(ESSAY);
    expect(new URLSearchParams(figureStateOf('fs-literal'))).toEqual(new URLSearchParams('layer=3&head=1&view=arcs'));
    expect(new URLSearchParams(figureStateOf('fs-computed'))).toEqual(new URLSearchParams({ layer: '2', text: 'The cat jumps.' }));
    expect(figureStateOf('fs-none'), 'a figure without a state clears its id').toBe('');
    // The call precedes its figure in the tree, and renders nothing.
    expect(code.indexOf('__setFigureState("fs-literal"')).toBeLessThan(code.indexOf('figureId: "fs-literal"'));
  }, 30_000);

  it('leaves an essay without figures unchanged', async () => {
    const plain = String(await compile('# Title\n\nProse.\n', { jsxImportSource: 'astro' }));
    const withPlugin = String(await compile('# Title\n\nProse.\n', { remarkPlugins: [remarkFigureStates], jsxImportSource: 'astro' }));
    expect(withPlugin).toBe(plain);
  });
});
