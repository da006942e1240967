/**
 * A remark plugin run on every essay while MDX compiles (astro.config.mjs). It fails the build, with the file
 * and line, on an expression in the prose that names something the essay never imports or defines: "{a, b}"
 * written as text compiles, and would then fail while the page renders with a stack into dist/.prerender/ and
 * no file named. And it records every <Figure> (id, widget, line, the figureId of what is inside) for the
 * checks that need the widget registry (essay-checks.ts, called by the essay page).
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import type { FigureUse } from './essay-checks.ts';

type Node = { type: string; [key: string]: unknown };
type Attr = { type: string; name?: string; value?: unknown };
type JsxNode = Node & { name: string | null; attributes: Attr[]; children: Node[]; position?: { start: { line: number; column: number } } };
type EsNode = { type: string; [key: string]: unknown };

/** Names every page of JavaScript can use without importing them (Math, JSON, Number…), plus MDX's `props`. */
const GLOBALS = new Set([...Object.getOwnPropertyNames(globalThis), 'props', 'undefined', 'NaN', 'Infinity']);

/** Names an ESM block (import/export) defines. */
function declaredBy(program: EsNode): string[] {
  const names: string[] = [];
  for (const statement of (program.body as EsNode[]) ?? []) {
    if (statement.type === 'ImportDeclaration') {
      for (const s of statement.specifiers as { local: { name: string } }[]) names.push(s.local.name);
    } else if (statement.type === 'ExportNamedDeclaration' || statement.type === 'VariableDeclaration' || statement.type === 'FunctionDeclaration') {
      const decl = (statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement) as EsNode | null;
      if (!decl) continue;
      if (decl.type === 'VariableDeclaration') for (const d of decl.declarations as EsNode[]) names.push(...bindingNames(d.id as EsNode));
      else if (decl.id) names.push((decl.id as { name: string }).name);
    }
  }
  return names;
}

/** Identifiers a binding pattern declares: x, {a, b: c}, [d, ...e]. */
function bindingNames(pattern: EsNode | null): string[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name as string];
    case 'ObjectPattern':
      return (pattern.properties as EsNode[]).flatMap((p) => bindingNames((p.type === 'RestElement' ? p.argument : p.value) as EsNode));
    case 'ArrayPattern':
      return (pattern.elements as (EsNode | null)[]).flatMap((e) => bindingNames(e));
    case 'RestElement':
      return bindingNames(pattern.argument as EsNode);
    case 'AssignmentPattern':
      return bindingNames(pattern.left as EsNode);
    default:
      return [];
  }
}

/**
 * Free names an expression reads. Simplified scoping, enough for prose: a name bound anywhere inside the
 * expression (arrow parameters, `const` in a function body) counts as bound everywhere in it.
 */
function freeNames(program: EsNode): string[] {
  const bound = new Set<string>();
  const used: string[] = [];
  const walk = (node: unknown, parent: EsNode | null, key: string) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child, parent, key);
      return;
    }
    const n = node as EsNode;
    if (typeof n.type !== 'string') return;
    if (/Function/.test(n.type)) for (const p of (n.params as EsNode[]) ?? []) bindingNames(p).forEach((b) => bound.add(b));
    if (n.type === 'VariableDeclarator') bindingNames(n.id as EsNode).forEach((b) => bound.add(b));
    if (n.type === 'CatchClause') bindingNames(n.param as EsNode).forEach((b) => bound.add(b));
    if (n.type === 'Identifier') {
      const isProperty = parent && ((parent.type === 'MemberExpression' && key === 'property' && !parent.computed) || (parent.type === 'Property' && key === 'key' && !parent.computed));
      const isJsxName = parent && /^JSX/.test(parent.type);
      if (!isProperty && !isJsxName) used.push(n.name as string);
      return;
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === 'type' || k === 'loc' || k === 'range' || k === 'start' || k === 'end') continue;
      walk(v, n, k);
    }
  };
  walk(program, null, '');
  return [...new Set(used.filter((u) => !bound.has(u)))];
}

const attrValue = (node: JsxNode, name: string): string | null => {
  const a = node.attributes.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  return a && typeof a.value === 'string' ? a.value : null;
};

/**
 * A figure's `state={{ field: value, … }}`, read from the MDX source without running it, so that the build can
 * check it against the widget's schema with the file and line. A value computed by the essay (`ex.layer`, a
 * number from content/numbers/) is listed in `computed`: Figure.astro checks it when the page renders, naming
 * the file.
 */
export function literalState(attr: Attr): NonNullable<FigureUse['state']> {
  const v = attr.value as { type?: string; data?: { estree?: EsNode } } | string | null;
  if (typeof v === 'string' || v === null) return { unreadable: 'write it as an object, state={{ field: value }}, not as a string' };
  const statement = (v.data?.estree?.body as EsNode[] | undefined)?.[0];
  const object = statement?.type === 'ExpressionStatement' ? (statement.expression as EsNode) : undefined;
  if (object?.type !== 'ObjectExpression') return { unreadable: 'write it as an object, state={{ field: value }}' };
  const value: Record<string, unknown> = {};
  const computed: string[] = [];
  for (const p of object.properties as EsNode[]) {
    const key = p.key as EsNode | undefined;
    const name = p.type === 'Property' && !p.computed && key ? (key.type === 'Identifier' ? key.name : key.value) : undefined;
    if (typeof name !== 'string') return { unreadable: 'each entry must be field: value (no spreads or computed names)' };
    const literal = literalValue(p.value as EsNode);
    if (literal === undefined) computed.push(name);
    else value[name] = literal;
  }
  return { value, computed };
}

function literalValue(node: EsNode): string | number | boolean | undefined {
  if (node.type === 'Literal' && ['string', 'number', 'boolean'].includes(typeof node.value)) return node.value as string | number | boolean;
  if (node.type === 'UnaryExpression' && node.operator === '-' && (node.argument as EsNode).type === 'Literal' && typeof (node.argument as EsNode).value === 'number') {
    return -((node.argument as EsNode).value as number);
  }
  const quasis = node.quasis as { value: { cooked: string } }[] | undefined;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0 && quasis?.length === 1) return quasis[0]!.value.cooked;
  return undefined;
}

export function remarkEssayChecks() {
  return (tree: Root, file: VFile) => {
    const declared = new Set<string>();
    visit(tree as never, 'mdxjsEsm', (node: Node) => {
      const program = (node.data as { estree?: EsNode } | undefined)?.estree;
      if (program) declaredBy(program).forEach((n) => declared.add(n));
    });

    const checkExpression = (program: EsNode | undefined, source: string, at: Node) => {
      if (!program) return;
      const unknown = freeNames(program).filter((n) => !declared.has(n) && !GLOBALS.has(n));
      if (unknown.length === 0) return;
      const shown = source.length > 40 ? `${source.slice(0, 37)}…` : source;
      file.fail(
        `The expression {${shown}} uses ${unknown.map((u) => `\`${u}\``).join(', ')}, which this essay neither imports nor defines. ` +
          'In MDX, { and } in prose start a JavaScript expression: to show a brace as text, write \\{ (or put it in `code`); ' +
          'to use a number from content/numbers/, import it at the top of the essay.',
        at as never,
      );
    };

    visit(tree as never, (node: Node) => {
      if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
        checkExpression((node.data as { estree?: EsNode } | undefined)?.estree, String(node.value ?? ''), node);
      }
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        for (const a of (node as JsxNode).attributes) {
          const v = a.value as { type?: string; value?: string; data?: { estree?: EsNode } } | null;
          if (v && typeof v === 'object' && v.type === 'mdxJsxAttributeValueExpression') checkExpression(v.data?.estree, String(v.value ?? ''), node);
          if (a.type === 'mdxJsxExpressionAttribute') checkExpression((a as { data?: { estree?: EsNode } }).data?.estree, String(a.value ?? ''), node);
        }
      }
    });

    const figures: FigureUse[] = [];
    visit(tree as never, (node: Node) => {
      if ((node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') || (node as JsxNode).name !== 'Figure') return;
      const fig = node as JsxNode;
      const inner: FigureUse['inner'] = [];
      visit(fig as never, (child: Node) => {
        if (child === node || (child.type !== 'mdxJsxFlowElement' && child.type !== 'mdxJsxTextElement')) return;
        const figureId = attrValue(child as JsxNode, 'figureId');
        if (figureId !== null) inner.push({ name: (child as JsxNode).name ?? '?', figureId, line: (child as JsxNode).position?.start.line ?? 0 });
      });
      const stateAttr = fig.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'state');
      figures.push({
        id: attrValue(fig, 'id') ?? '',
        widget: attrValue(fig, 'widget'),
        line: fig.position?.start.line ?? 0,
        column: fig.position?.start.column ?? 0,
        inner,
        ...(stateAttr ? { state: literalState(stateAttr) } : {}),
      });
    });
    const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
    data.astro ??= {};
    data.astro.frontmatter ??= {};
    data.astro.frontmatter.figures = figures;
  };
}
