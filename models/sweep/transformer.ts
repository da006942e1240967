// Step "sweep-transformer": the transformer side of the scaling sweep. For every size × fraction of
// models/sweep/transformer-plan.json it runs models/transformer/train.py (one process, one thread) on that
// fraction's stream (step "sweep-data") and appends the run's log to public/models/scaling/transformer.json.
// Resumable: a run already in the log with the same settings is not run again, and the log is written after
// every run, so an interrupted sweep keeps what it finished.
//
//   node models/sweep/transformer.ts                          every planned run not yet logged, 2 at a time
//   node models/sweep/transformer.ts --sizes t12k,t55k --fractions 1/8 --jobs 1 --nice 10
//   node models/sweep/transformer.ts --probe                  time each size (time_probe.py) and estimate the sweep
//   node models/sweep/transformer.ts --estimate               recompute the estimate from the stored probe and runs
//   … --rerun                                                 run the selected runs again, replacing their records
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { SweepStream } from './data.ts';
import { writeLog } from './log.ts';

const PLAN_PATH = 'models/sweep/transformer-plan.json';
const LOG_PATH = 'public/models/scaling/transformer.json';
const SWEEP_DIR = 'models/build/sweep';
/** The estimate is for the machine's two cores, one run on each, whatever --jobs this invocation used. */
const ESTIMATE_JOBS = 2;

export interface Size {
  name: string;
  n_layer: number;
  n_head: number;
  d_model: number;
}

export interface Plan {
  about: string;
  sizes: Size[];
  fractions: string[];
  data_seed: number;
  /** The site's transformer, timed by the probe beside the sizes: its idle speed is on record, so it calibrates a busy probe. */
  reference?: Size & { idle_s_per_step: number; source: string };
  train: { seed: number; steps: number; batch_size: number; block_size: number; procs: number; threads: number; eval_every: number; eval_windows: number };
}

export interface PlannedRun {
  id: string;
  size: Size;
  fraction: string;
  /** The document subset's seed (0 at fraction 1, which every seed shares). */
  data_seed: number;
  dir: string;
}

/** Every run of the plan, smallest size first, then smallest fraction. */
export function plannedRuns(plan: Plan): PlannedRun[] {
  return plan.sizes.flatMap((size) =>
    plan.fractions.map((fraction) => {
      const data_seed = fraction === '1' ? 0 : plan.data_seed;
      const dir = `${fraction.replace('/', 'of')}-s${data_seed}`;
      return { id: `${size.name}-${dir}-seed${plan.train.seed}-steps${plan.train.steps}`, size, fraction, data_seed, dir };
    }),
  );
}

/** How many windows train.py's final scoring takes for a stream of n tokens (windows every block/2 until the end). */
export function scoringWindows(n: number, block: number): number {
  let last = 0,
    s = 0,
    count = 0;
  while (last < n - 1) {
    last = s + Math.min(block, n - 1 - s);
    s += block / 2;
    count++;
  }
  return count;
}

export interface ProbeSize {
  name: string;
  params: number;
  non_embedding_params: number;
  s_per_step: number;
  s_per_eval_window: number;
}

/** Seconds one planned run should take on the probed machine: training steps, periodic evals, final scoring. */
export function estimateRunSeconds(plan: Plan, probe: ProbeSize, valTokens: number): number {
  const t = plan.train;
  const periodic = (Math.floor(t.steps / t.eval_every) + (t.steps % t.eval_every === 0 ? 1 : 2)) * t.eval_windows;
  return t.steps * probe.s_per_step + (periodic + scoringWindows(valTokens, t.block_size)) * probe.s_per_eval_window;
}

function pickPython(): string {
  for (const p of [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[])
    if (spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return p;
  return 'python3';
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function runOne(python: string, plan: Plan, r: PlannedRun, niceness: number): Promise<Record<string, unknown>> {
  const t = plan.train;
  const outDir = join(SWEEP_DIR, 'runs', r.id);
  mkdirSync(outDir, { recursive: true });
  const args = [
    'models/transformer/train.py', '--data-dir', join(SWEEP_DIR, r.dir), '--out-dir', outDir,
    '--steps', String(t.steps), '--seed', String(t.seed), '--procs', String(t.procs), '--threads', String(t.threads),
    '--batch-size', String(t.batch_size), '--block-size', String(t.block_size), '--eval-every', String(t.eval_every),
    '--eval-windows', String(t.eval_windows), '--n-layer', String(r.size.n_layer), '--n-head', String(r.size.n_head),
    '--d-model', String(r.size.d_model),
  ];
  const [cmd, argv] = niceness > 0 ? ['nice', ['-n', String(niceness), python, ...args]] : [python, args];
  const load = loadavg()[0]!;
  const t0 = performance.now();
  const started = new Date().toISOString();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', PYTHONHASHSEED: '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      writeFileSync(join(outDir, 'stdout.txt'), out);
      if (code !== 0) return reject(new Error(`${r.id}: train.py exited ${code}; see ${join(outDir, 'stdout.txt')}`));
      const log = JSON.parse(readFileSync(join(outDir, 'train-log.json'), 'utf8'));
      const c = log.config;
      const nonEmbedding = log.params - c.vocab_size * c.d_model - c.block_size * c.d_model;
      resolve({
        id: r.id,
        size: r.size.name,
        n_layer: c.n_layer,
        n_head: c.n_head,
        d_model: c.d_model,
        params: log.params,
        non_embedding_params: nonEmbedding,
        fraction: r.fraction,
        data_seed: r.data_seed,
        train_tokens: log.data.train_tokens,
        seed: log.seed,
        steps: log.steps,
        batch_size: t.batch_size,
        tokens_seen: log.tokens_seen,
        epochs: round(log.epochs, 4),
        /** 6 · N · D with N the non-embedding parameters (Kaplan et al. 2020). */
        train_flops: 6 * nonEmbedding * log.tokens_seen,
        seconds_per_step: round(log.seconds_per_step, 4),
        train_seconds: round(log.train_seconds, 1),
        eval_seconds: round(log.eval_seconds, 1),
        wall_seconds: round((performance.now() - t0) / 1000, 1),
        started,
        load_average_1min_at_start: round(load, 2),
        nice: niceness,
        best_step: log.best_step,
        evals: log.evals.map((e: { step: number; train_loss: number | null; val_loss: number }) => ({
          step: e.step,
          train_loss: e.train_loss === null ? null : round(e.train_loss, 4),
          val_loss: round(e.val_loss, 4),
        })),
        val_nats_per_token: log.val_loss_nats_per_token,
        val_bpc: log.val_bits_per_char,
        torch: log.torch,
      });
    });
    child.on('error', reject);
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (n: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
  const plan = JSON.parse(readFileSync(PLAN_PATH, 'utf8')) as Plan;
  const python = pickPython();
  const niceness = Number(flag('--nice') ?? 0);
  const jobs = Number(flag('--jobs') ?? 2);
  const meta = JSON.parse(readFileSync('models/build/data/meta.json', 'utf8'));
  const manifest = JSON.parse(readFileSync(join(SWEEP_DIR, 'manifest.json'), 'utf8')) as { streams: SweepStream[] };
  const previous = existsSync(LOG_PATH) ? JSON.parse(readFileSync(LOG_PATH, 'utf8')) : {};
  const all = plannedRuns(plan);
  const ids = new Set(all.map((r) => r.id));
  // Runs of an older plan (other steps, seeds, sizes) are dropped: the log describes this plan only.
  const runs: Record<string, unknown>[] = (previous.runs ?? []).filter((r: { id: string }) => ids.has(r.id));
  let probe = previous.probe;
  const save = () => {
    const estimate = probe ? estimateFor(plan, probe, meta.val.tokens, ESTIMATE_JOBS, runs) : undefined;
    writeLog(
      LOG_PATH,
      {
        step: 'sweep-transformer',
        produced_by: 'node models/sweep/transformer.ts (npm run models -- --only sweep-transformer, after sweep-data)',
        plan,
        planned_runs: all.length,
        complete: all.every((r) => runs.some((x) => x.id === r.id)),
        val: { tokens: meta.val.tokens, chars: meta.val.chars, bpc: 'models/README.md; train.py scores the whole stream with 128-token windows every 64 tokens' },
        probe,
        estimate,
        runs: all.map((r) => runs.find((x) => x.id === r.id)).filter(Boolean),
      },
      ['runs'],
    );
  };

  if (args.includes('--probe')) {
    const load = loadavg()[0]!;
    const r = spawnSync('nice', ['-n', String(niceness), python, 'models/sweep/time_probe.py', '--steps', flag('--probe-steps') ?? '8'], {
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) throw new Error('time_probe.py failed');
    probe = { ...JSON.parse(r.stdout.toString()), measured: new Date().toISOString(), load_average_1min_at_start: round(load, 2), nice: niceness };
    save();
    console.log(JSON.stringify(estimateFor(plan, probe, meta.val.tokens, ESTIMATE_JOBS, runs), null, 1));
    return;
  }

  if (args.includes('--estimate')) {
    save(); // rewrite the log's estimate from the stored probe and the runs so far
    return;
  }

  const sizes = flag('--sizes')?.split(',');
  const rerun = args.includes('--rerun'); // run the selected runs again even if logged, replacing their records
  const fractions = flag('--fractions')?.split(',');
  const todo = all.filter(
    (r) => (!sizes || sizes.includes(r.size.name)) && (!fractions || fractions.includes(r.fraction)) && (rerun || !runs.some((x) => x.id === r.id)),
  );
  for (const r of todo)
    if (!manifest.streams.some((s) => s.dir === r.dir)) throw new Error(`no stream ${r.dir}: run step sweep-data first`);
  console.log(`${todo.length} run(s) to do, ${jobs} at a time: ${todo.map((r) => r.id).join(', ')}`);
  const queue = todo.slice();
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      console.log(`start ${r.id}`);
      const rec = await runOne(python, plan, r, niceness);
      const old = runs.findIndex((x) => x.id === r.id);
      if (old >= 0) runs.splice(old, 1);
      runs.push(rec);
      save();
      console.log(`done  ${r.id}: ${(rec.val_bpc as number).toFixed(4)} bpc, ${rec.wall_seconds} s (${rec.seconds_per_step} s/step)`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, todo.length) }, worker));
  save();
}

/** The sweep's expected time from the probe, and how the finished runs compare with their prediction. */
function estimateFor(plan: Plan, probe: { sizes: ProbeSize[]; load_average_1min_at_start: number }, valTokens: number, jobs: number, runs: Record<string, unknown>[]) {
  const bySize = new Map(probe.sizes.map((s) => [s.name, s]));
  const perRun = plannedRuns(plan).map((r) => ({ id: r.id, size: r.size.name, predicted_s: round(estimateRunSeconds(plan, bySize.get(r.size.name)!, valTokens), 1) }));
  const total = perRun.reduce((s, r) => s + r.predicted_s, 0);
  const done = perRun.flatMap((p) => {
    const r = runs.find((x) => x.id === p.id);
    return r ? [{ id: p.id, predicted_s: p.predicted_s, measured_s: r.wall_seconds as number, ratio: round((r.wall_seconds as number) / p.predicted_s, 3) }] : [];
  });
  const ref = plan.reference && bySize.get(plan.reference.name);
  // How much slower the probe's machine was than the idle one the reference was timed on.
  const busy = ref && plan.reference ? ref.s_per_step / plan.reference.idle_s_per_step : undefined;
  return {
    method:
      'probe seconds per step × planned steps + (periodic eval windows + final scoring windows) × probe seconds per window, per run; ' +
      'idle = that ÷ busy_factor, busy_factor = the reference model’s probe seconds per step ÷ its recorded idle seconds per step; wall = core-seconds / jobs (one run per core)',
    probe_load_average: probe.load_average_1min_at_start,
    core_seconds_all_runs_at_probe_load: round(total, 0),
    busy_factor: busy === undefined ? null : round(busy, 2),
    idle_core_seconds_all_runs: busy === undefined ? null : round(total / busy, 0),
    idle_wall_seconds_at_jobs: busy === undefined ? null : round(total / busy / jobs, 0),
    jobs,
    per_size_per_run_s: Object.fromEntries(plan.sizes.map((s) => [s.name, perRun.find((r) => r.size === s.name)!.predicted_s])),
    finished_runs_vs_prediction: done,
  };
}

if (import.meta.main) await main();
