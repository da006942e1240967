/**
 * The forgetting curve (public/models/memory-forgetting.json, written by models/memory/forgetting.py): how well a
 * linear probe reads the token at t − d from a model's vector at t, for the trained LSTM (its whole state), the
 * same LSTM untrained (a random recurrent network keeps a fading echo too: the control) and the transformer
 * (its residual stream; d ≥ its context is outside its window by construction). Types and a validating loader
 * that names the file and the field of anything malformed.
 */
import { JsonReader, array, field, finite, integer, nullableFinite, object, positiveInteger, section, string } from '../../runtime/validate.ts';

export const FORGETTING_MODELS = ['lstm', 'lstm-untrained', 'transformer'] as const;
export type ForgettingModel = (typeof FORGETTING_MODELS)[number];

export interface ForgettingRow {
  d: number;
  /** Probe accuracy on the test documents, with its 95 % bootstrap interval over them. */
  accuracy: number;
  ci: [number, number];
  /** The same probe trained on shuffled labels: the probe's floor. */
  control: number;
  controlCi: [number, number];
  /** Always answering the training split's most frequent class. */
  majority: number;
  test: number;
}

export interface ForgettingCurve {
  vector: string;
  width: number;
  /** Tokens the model can see before t (null: unbounded, the LSTM). */
  context: number | null;
  rows: ForgettingRow[];
}

export interface Forgetting {
  classes: number;
  distances: number[];
  models: Record<ForgettingModel, ForgettingCurve>;
}

const unit = (r: JsonReader, v: unknown): number => {
  const x = finite(r, v);
  if (x < 0 || x > 1) r.fail(`must be a share in [0, 1], got ${x}`);
  return x;
};

function interval(r: JsonReader, v: unknown): [number, number] {
  const a = array(r, v, 2);
  const ci: [number, number] = [unit(r.at(0), a[0]), unit(r.at(1), a[1])];
  if (ci[0] > ci[1]) r.fail(`must be [low, high], got [${ci[0]}, ${ci[1]}]`);
  return ci;
}

function curve(r: JsonReader, v: unknown, distances: number[]): ForgettingCurve {
  const o = object(r, v);
  const rows = array(r.at('rows'), o.rows, distances.length).map((row, i): ForgettingRow => {
    const ri = r.at('rows').at(i);
    const x = object(ri, row);
    const d = field(ri, x, 'd', integer);
    if (d !== distances[i]) ri.fail(`d must be ${distances[i]} (the file's distances), got ${d}`);
    return {
      d,
      accuracy: field(ri, x, 'accuracy', unit),
      ci: field(ri, x, 'ci', interval),
      control: field(ri, x, 'control', unit),
      controlCi: field(ri, x, 'control_ci', interval),
      majority: field(ri, x, 'majority', unit),
      test: field(ri, x, 'test', positiveInteger),
    };
  });
  const context = field(r, o, 'context', nullableFinite);
  return { vector: field(r, o, 'vector', string), width: field(r, o, 'width', positiveInteger), context, rows };
}

/** Validates public/models/memory-forgetting.json. Throws an Error naming the file and the field. */
export function parseForgetting(json: unknown, file = 'memory-forgetting.json'): Forgetting {
  const r = new JsonReader(file);
  const o = object(r, json);
  const distances = array(r.at('distances'), o.distances).map((d, i) => integer(r.at('distances').at(i), d));
  if (distances.length === 0 || distances.some((d, i) => i > 0 && d <= distances[i - 1]!)) r.at('distances').fail('must be increasing and not empty');
  const [rm, m] = section(r, o, 'models');
  const models = {} as Record<ForgettingModel, ForgettingCurve>;
  for (const name of FORGETTING_MODELS) models[name] = field(rm, m, name, (rr, vv) => curve(rr, vv, distances));
  return { classes: field(r, o, 'classes', positiveInteger), distances, models };
}

/** Whether the probe reads more than its floor at this distance: its interval lies above the control's. */
export function remembers(row: ForgettingRow): boolean {
  return row.ci[0] > row.controlCi[1];
}
