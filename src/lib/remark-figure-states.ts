/**
 * A remark plugin run on every essay while MDX compiles (astro.config.mjs): it makes each <Figure state={…}>'s
 * opening state known to the server render before anything on the page renders.
 *
 * Why not leave it to Figure.astro's frontmatter: when MDX renders a component, Astro renders its children
 * first (to know whether a slot is empty), so a widget's server entry inside <Figure> runs before the Figure
 * records its state, and its static paint (a chart, a model run) would start from the widget's defaults.
 *
 * What it does: before each such <Figure>, it inserts the expression `{__setFigureState(id, state)}` (with the
 * import it needs). MDX evaluates every expression of the document while it builds the page's element tree,
 * before any component renders, so the table figure-state.ts reads is filled first, in any order of rendering.
 * The expression renders nothing. The state's own expression is copied as written (it may use the essay's
 * imports, such as numbers from content/numbers/).
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

type EsNode = { type: string; [key: string]: unknown };
type Attr = { type: string; name?: string; value?: unknown };
type JsxNode = { type: string; name: string | null; attributes: Attr[] };
type Parent = { children: unknown[] };

const SETTER = '__setFigureState';
const MODULE = new URL('../../widgets/runtime/kit/figure-state.ts', import.meta.url).pathname;

function program(body: EsNode[]): EsNode {
  return { type: 'Program', sourceType: 'module', body };
}

function importNode(): unknown {
  const declaration: EsNode = {
    type: 'ImportDeclaration',
    specifiers: [{ type: 'ImportSpecifier', imported: { type: 'Identifier', name: 'setFigureStateOf' }, local: { type: 'Identifier', name: SETTER } }],
    source: { type: 'Literal', value: MODULE, raw: JSON.stringify(MODULE) },
    attributes: [],
  };
  return { type: 'mdxjsEsm', value: `import { setFigureStateOf as ${SETTER} } from ${JSON.stringify(MODULE)};`, data: { estree: program([declaration]) } };
}

function setterNode(id: string, state: EsNode): unknown {
  const call: EsNode = {
    type: 'CallExpression',
    callee: { type: 'Identifier', name: SETTER },
    arguments: [{ type: 'Literal', value: id, raw: JSON.stringify(id) }, state],
    optional: false,
  };
  return { type: 'mdxFlowExpression', value: `${SETTER}(${JSON.stringify(id)}, …)`, data: { estree: program([{ type: 'ExpressionStatement', expression: call }]) } };
}

/**
 * The <Figure>'s literal id and its state's expression (estree; `undefined` for a figure without a state, which
 * clears what a figure of the same id on an earlier page set), or null when its id is not a literal.
 */
function figureState(node: JsxNode): { id: string; state: EsNode } | null {
  if (node.name !== 'Figure') return null;
  const attr = (name: string) => node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  const id = attr('id')?.value;
  if (typeof id !== 'string') return null;
  const value = attr('state')?.value as { type?: string; data?: { estree?: EsNode } } | undefined;
  const statement = (value?.data?.estree?.body as EsNode[] | undefined)?.[0];
  if (value?.type !== 'mdxJsxAttributeValueExpression' || statement?.type !== 'ExpressionStatement') {
    return { id, state: { type: 'Identifier', name: 'undefined' } };
  }
  return { id, state: structuredClone(statement.expression as EsNode) };
}

export function remarkFigureStates() {
  return (tree: Root) => {
    const inserts: { parent: Parent; node: unknown; setter: unknown }[] = [];
    visit(tree, (node, _index, parent) => {
      if (!parent || node.type !== 'mdxJsxFlowElement') return;
      const found = figureState(node as unknown as JsxNode);
      if (found) inserts.push({ parent: parent as unknown as Parent, node, setter: setterNode(found.id, found.state) });
    });
    if (!inserts.length) return;
    for (const { parent, node, setter } of inserts) parent.children.splice(parent.children.indexOf(node), 0, setter);
    (tree.children as unknown[]).unshift(importNode());
  };
}
