/**
 * What the widget catalog (/widgets/) shows of each registered widget, generated, never copied by hand: the
 * URL-state schema each widget's view builds in its default state (from the same state.ts functions and the
 * same shipped files its server entry reads), and the props of its server entry, read from the entry's own
 * `interface Props` and defaults by the TypeScript parser. Build time only (Node: reads public/models/ and the
 * widget sources).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT, readArtifactJson, readTransformerCard, readTransformerMeasurements } from './models/artifacts.ts';
import { artifactMismatches } from './models/transformer/card.ts';
import { loadMeasurements } from './models/transformer/measurements-file.ts';
import { describeSchema, type Field, type Schema } from './runtime/url-state.ts';
import { figureStateProblems, type FigureStateValue } from './runtime/kit/figure-state.ts';
import { attentionSchema, DEFAULT_TEXT as ATTENTION_TEXT, resolveDefaults, VIEWS } from './attention/state.ts';
import { defaultHead, headInfos } from './attention/heads.ts';
import { attentionReachSchema } from './attention-reach/state.ts';
import { convnetSchema } from './convnet/state.ts';
import { DEFAULT_PROBES_TEXT, gridLabels, liveProbesSchema } from './live-probes/state.ts';
import { DEFAULT_LENS_TEXT, logitLensSchema } from './logit-lens/state.ts';
import { probeData } from './probe-accuracy/data.ts';
import { METRICS, probeAccuracySchema } from './probe-accuracy/state.ts';
import { PRESETS } from './receptive-field/presets.ts';
import { receptiveFieldSchema } from './receptive-field/state.ts';
import { splatSchema } from './splats/state.ts';
import { depthsOf } from './dezoom-map/analysis.ts';
import { parseLadder, SPAN_TASKS } from './dezoom-map/ladder.ts';
import { dezoomMapSchema } from './dezoom-map/state.ts';
import { ladderLiveSchema } from './ladder-live/state.ts';
import { tokenizerViewSchema } from './tokenizer/state.ts';
import { budgetSchema } from './budget/state.ts';
import { confusionData } from './confusion-curves/data.ts';
import { confusionSchema } from './confusion-curves/state.ts';
import { loadConfusionLogs } from './models/scaling/logs-file.ts';
import { memoryRaceSchema } from './memory-race/state.ts';
import { scalingLawsSchema, VIEWS as SCALING_VIEWS } from './scaling-laws/state.ts';
import { memoryCurvesSchema, VIEWS as MEMORY_VIEWS } from './memory-curves/state.ts';

/** Each widget's schema in its default state, built as its server entry and view build it. */
export const DEFAULT_SCHEMAS: Record<string, () => Schema> = {
  'receptive-field': () => receptiveFieldSchema(),
  tokenizer: () => tokenizerViewSchema(),
  attention: () => {
    const card = readTransformerCard();
    const bounds = { layers: card.architecture.layers, heads: card.architecture.heads, context: card.architecture.context };
    const m = readTransformerMeasurements(card.files.measurements);
    const opening = defaultHead(artifactMismatches(card, m).length === 0 ? headInfos(m) : []);
    return attentionSchema(bounds, resolveDefaults(bounds, {}, { text: ATTENTION_TEXT, layer: opening.layer, head: opening.head, token: 0, view: 'heatmap' }));
  },
  'probe-accuracy': () => probeAccuracySchema(probeData(loadMeasurements()).labels.map((l) => l.id)),
  'live-probes': () => {
    const card = readTransformerCard();
    const probes = JSON.parse(readFileSync(join(ROOT, 'public', 'models', card.files.probes), 'utf8')) as { probes: Record<string, unknown> };
    return liveProbesSchema({ defaultText: DEFAULT_PROBES_TEXT, labels: gridLabels(Object.keys(probes.probes)), layers: card.architecture.layers, context: card.architecture.context });
  },
  'attention-reach': () => attentionReachSchema({}),
  'logit-lens': () => logitLensSchema({ defaultText: DEFAULT_LENS_TEXT, context: readTransformerCard().architecture.context }),
  splats: () => splatSchema,
  convnet: () => convnetSchema,
  'dezoom-map': () => dezoomMapSchema(depthsOf(parseLadder(readArtifactJson('hier-ladder-measurements.json')))),
  'ladder-live': () => ladderLiveSchema(),
  'scaling-laws': () => scalingLawsSchema(),
  budget: () => budgetSchema(),
  'confusion-curves': () => {
    const logs = loadConfusionLogs();
    return confusionSchema(confusionData(logs.confusion, logs.fits).sets.map((s) => s.id));
  },
  'memory-curves': () => memoryCurvesSchema(),
  'memory-race': () => memoryRaceSchema(),
};

/** Props whose values are named presets, with the names, from the modules that define them. */
export const PRESET_VALUES: Record<string, Record<string, readonly string[]>> = {
  'receptive-field': { preset: Object.keys(PRESETS) },
  attention: { view: VIEWS },
  'probe-accuracy': { metric: METRICS },
  'dezoom-map': { task: SPAN_TASKS },
  'scaling-laws': { view: SCALING_VIEWS },
  'memory-curves': { view: MEMORY_VIEWS },
};

export interface PropDoc {
  name: string;
  type: string;
  optional: boolean;
  /** The default in the entry's destructuring of Astro.props, as written; null when none. */
  default: string | null;
  doc: string;
}

/** The props of an Astro server entry: its `interface Props` (or `type Props = X`) and the defaults it destructures. */
export function propsOf(source: string, interfaceName = 'Props', defaultsFrom: string = source): PropDoc[] {
  const frontOf = (s: string) => /^---\n([\s\S]*?)\n---/.exec(s)?.[1] ?? s;
  const file = ts.createSourceFile('entry.ts', frontOf(source), ts.ScriptTarget.Latest, true);
  const defaultsFile = ts.createSourceFile('defaults.ts', frontOf(defaultsFrom), ts.ScriptTarget.Latest, true);
  const defaults = new Map<string, string>();
  const props: PropDoc[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === interfaceName) {
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.name) continue;
        const docs = ts.getJSDocCommentsAndTags(member).map((d) => (typeof d.comment === 'string' ? d.comment : ''));
        props.push({
          name: member.name.getText(file),
          type: member.type?.getText(file) ?? 'unknown',
          optional: !!member.questionToken,
          default: null,
          doc: docs.join(' ').replace(/\s+/g, ' ').trim(),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  const visitDefaults = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && node.initializer?.getText(defaultsFile) === 'Astro.props' && ts.isObjectBindingPattern(node.name)) {
      for (const el of node.name.elements) if (el.initializer) defaults.set(el.name.getText(defaultsFile), el.initializer.getText(defaultsFile));
    }
    ts.forEachChild(node, visitDefaults);
  };
  visit(file);
  visitDefaults(defaultsFile);
  return props.map((p) => ({ ...p, default: defaults.get(p.name) ?? null }));
}

/**
 * The props of the server entry at `entryPath` (repository-relative). An entry that shares its props with
 * others (`type Props = LiveFigureProps`) is read through the import that names the type.
 */
export function entryProps(entryPath: string): PropDoc[] {
  const source = readFileSync(join(ROOT, entryPath), 'utf8');
  const alias = /\btype Props = (\w+);/.exec(source)?.[1];
  if (!alias) return propsOf(source);
  const from = new RegExp(`import \\{[^}]*\\b${alias}\\b[^}]*\\} from '([^']+)'`).exec(source)?.[1];
  if (!from) return [];
  const other = readFileSync(join(ROOT, entryPath, '..', from), 'utf8');
  return propsOf(other, alias, source);
}

function schemaOf(key: string): Schema {
  const build = DEFAULT_SCHEMAS[key];
  if (!build) throw new Error(`widgets/catalog.ts: no schema for the registered widget "${key}": add it to DEFAULT_SCHEMAS`);
  return build();
}

export function schemaRows(key: string) {
  return describeSchema(schemaOf(key));
}

/**
 * A field's default as an essay writes it in `<Figure state={{ name: value }}>` (figure-state.ts): true/false
 * for a boolean field, a number where the link form is one, else quoted text; null when the default has no
 * form an essay could write (an empty drawing, a camera that follows the scene), which the check rejects.
 */
export function stateLiteral(name: string, f: Field<unknown>): string | null {
  let raw: string;
  try {
    raw = f.encode(f.default);
  } catch {
    return null;
  }
  const value: FigureStateValue = typeof f.default === 'boolean' ? f.default : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (figureStateProblems({ [name]: f }, { [name]: value }).length > 0) return null;
  return `${name}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
}

/** Each field with its default as an essay's `state={{…}}` entry (null where it has none). */
export function stateRows(key: string): { name: string; mdx: string | null }[] {
  const schema = schemaOf(key);
  return Object.entries(schema).map(([name, f]) => ({ name, mdx: stateLiteral(name, f) }));
}
