// Contributor mistakes that used to pass the build silently, or fail it without naming the essay: each one now
// fails with the file and line. The MDX is compiled by the same compiler Astro's MDX integration uses, with
// the same remark plugin (astro.config.mjs); the checks that need the registry are called as the essay page
// calls them.
import { describe, expect, it } from 'vitest';
import { compile } from '@mdx-js/mdx';
import { VFile } from 'vfile';
import { remarkEssayChecks } from '../../../src/lib/remark-essay-checks.ts';
import { failOn, figureProblems, seriesProblems, type FigureUse } from '../../../src/lib/essay-checks.ts';
import { widgetStateProblems } from '../../../src/lib/widget-states.ts';

const FILE = 'content/articles/example.mdx';
const KEYS = ['receptive-field', 'tokenizer'];

async function compileEssay(source: string): Promise<FigureUse[]> {
  const file = new VFile({ path: FILE, value: source });
  await compile(file, { remarkPlugins: [remarkEssayChecks] });
  return ((file.data as { astro?: { frontmatter?: { figures?: FigureUse[] } } }).astro?.frontmatter?.figures ?? []) as FigureUse[];
}

const compileError = (source: string) =>
  compileEssay(source).then(
    () => '',
    (error: Error) => String(error),
  );

describe('MDX expressions in prose', () => {
  it('"{a, b}" in prose fails the build naming the essay, the line and the names', async () => {
    const message = await compileError('# Title\n\nA pair of things {a, b} in prose.\n');
    expect(message).toContain(`${FILE}:3:`);
    expect(message).toMatch(/uses `a`, `b`, which this essay neither imports nor defines/);
    expect(message).toMatch(/write \\\{/);
  });

  it('expressions that use imports, globals and their own parameters pass', async () => {
    const source = [
      "import { n } from '../numbers/transformer.ts';",
      'export const list = [1, 2];',
      '',
      'We use {n.layers} layers, {Math.round(2.5)} and {list.map((x) => x * 2).join(", ")}; an escaped \\{a, b\\} is text.',
      '',
      '<Figure id="one" caption={`${n.layers} layers`}>x</Figure>',
    ].join('\n');
    expect(await compileError(source)).toBe('');
  });

  it('an attribute expression naming an unknown value fails too', async () => {
    expect(await compileError('<Figure id="a" caption={layers}>x</Figure>\n')).toMatch(/example\.mdx:1:1.*`layers`/s);
  });
});

describe('figures', () => {
  const twoFigures = (secondId: string, widget: string, innerId = secondId) =>
    [
      "import ReceptiveField from './rf.astro';",
      '',
      '<Figure id="rf" widget="receptive-field">',
      '  <ReceptiveField figureId="rf" />',
      '</Figure>',
      '',
      `<Figure id="${secondId}" widget="${widget}">`,
      `  <ReceptiveField figureId="${innerId}" />`,
      '</Figure>',
    ].join('\n');

  it('a well-formed essay has no figure problems', async () => {
    const figures = await compileEssay(twoFigures('rf-2', 'receptive-field'));
    expect(figures.map((f) => [f.id, f.widget, f.line])).toEqual([
      ['rf', 'receptive-field', 3],
      ['rf-2', 'receptive-field', 7],
    ]);
    expect(figureProblems(FILE, figures, KEYS)).toEqual([]);
  });

  it('an unknown widget name fails, naming the file, the line and the registered names', async () => {
    const problems = figureProblems(FILE, await compileEssay(twoFigures('rf-2', 'recptive-field')), KEYS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^content\/articles\/example\.mdx:7:1: .*no widget is registered as "recptive-field".*receptive-field, tokenizer/);
    expect(() => failOn(problems, `The figures of ${FILE}`)).toThrow(/example\.mdx:7:1/);
  });

  it('a figure id used twice on a page fails, naming both lines', async () => {
    const problems = figureProblems(FILE, await compileEssay(twoFigures('rf', 'receptive-field')), KEYS);
    expect(problems).toEqual([expect.stringMatching(/^content\/articles\/example\.mdx:7:1: a second <Figure id="rf"> .*first is on line 3/)]);
  });

  it('a widget whose figureId differs from its figure id fails (it would write another figure’s state)', async () => {
    const problems = figureProblems(FILE, await compileEssay(twoFigures('rf-2', 'receptive-field', 'rf')), KEYS);
    expect(problems).toEqual([expect.stringMatching(/^content\/articles\/example\.mdx:8: <ReceptiveField figureId="rf"> inside <Figure id="rf-2">/)]);
  });
});

describe('figure states (state={{…}}, checked against the widget’s URL-state schema as the essay page does)', () => {
  const withState = (state: string, widget = 'receptive-field') =>
    ["import ReceptiveField from './rf.astro';", '', 'Some prose.', '', `<Figure id="rf" widget="${widget}" state=${state}>`, '  <ReceptiveField figureId="rf" />', '</Figure>'].join('\n');
  const problemsOf = async (source: string) => figureProblems(FILE, await compileEssay(source), KEYS, widgetStateProblems);

  it('a state in the widget’s fields passes, and the build records it as written', async () => {
    const figures = await compileEssay(withState('{{ n: 128, log: true, layers: "c7.2.1_c3.1.1" }}'));
    expect(figures[0]!.state).toEqual({ value: { n: 128, log: true, layers: 'c7.2.1_c3.1.1' }, computed: [] });
    expect(figureProblems(FILE, figures, KEYS, widgetStateProblems)).toEqual([]);
  });

  it('an unknown field fails the build, naming the file, the line and the field', async () => {
    const problems = await problemsOf(withState('{{ depth: 3 }}'));
    expect(problems).toEqual([expect.stringMatching(/^content\/articles\/example\.mdx:5:1: <Figure id="rf" widget="receptive-field">: state field "depth" is not one of this widget's state fields \(layers, n, out, causal, log\)/)]);
    expect(() => failOn(problems, `The figures of ${FILE}`)).toThrow(/example\.mdx:5:1.*"depth"/s);
  });

  it('a value the schema rejects fails the build, naming the field and what it takes', async () => {
    const problems = await problemsOf(withState('{{ n: 100000 }}'));
    expect(problems).toEqual([expect.stringMatching(/example\.mdx:5:1: .*state field "n": 100000 is not a valid value \(it takes integer/)]);
  });

  it('a computed value (a number the essay imports) is left to the render, but its field name is checked here', async () => {
    const source = (state: string) => withState(state).replace("import ReceptiveField from './rf.astro';", "import ReceptiveField from './rf.astro';\nexport const size = 64;");
    const figures = await compileEssay(source('{{ n: size, log: true }}'));
    expect(figures[0]!.state).toEqual({ value: { log: true }, computed: ['n'] });
    expect(figureProblems(FILE, figures, KEYS, widgetStateProblems)).toEqual([]);
    expect(await problemsOf(source('{{ size: size }}'))).toEqual([expect.stringMatching(/example\.mdx:6:1: .*state field "size" is not one of this widget's state fields/)]);
    // What the render checks (Figure.astro) once the value is known.
    expect(widgetStateProblems('receptive-field', { n: 100000 })).toEqual([expect.stringMatching(/state field "n": 100000 is not a valid value/)]);
  });

  it('a state that is not an object literal fails', async () => {
    expect(await problemsOf(withState('"n=64"'))).toEqual([expect.stringMatching(/example\.mdx:5:1: <Figure id="rf"> state: write it as an object/)]);
    expect(await problemsOf(withState('{{ ...other }}').replace("import ReceptiveField from './rf.astro';", "import ReceptiveField from './rf.astro';\nexport const other = {};"))).toEqual([expect.stringMatching(/no spreads/)]);
  });

  it('a state on a figure without a widget fails', async () => {
    const source = '<Figure id="plain" state={{ n: 64 }}>x</Figure>\n';
    expect(await problemsOf(source)).toEqual([expect.stringMatching(/example\.mdx:1:1: <Figure id="plain">: a state needs a widget/)]);
  });
});

describe('series numbers', () => {
  it('two essays with one series number fail, naming both files and the next free number', () => {
    const problems = seriesProblems([
      { file: 'content/articles/a.mdx', series: 1 },
      { file: 'content/articles/c.mdx', series: 2 },
      { file: 'content/articles/b.mdx', series: 2 },
    ]);
    expect(problems).toEqual(['series: 2 is used by content/articles/b.mdx and content/articles/c.mdx: each essay needs its own place in the series (the next free one is 3).']);
    expect(seriesProblems([{ file: 'a.mdx', series: 1 }, { file: 'b.mdx', series: 2 }])).toEqual([]);
  });
});
