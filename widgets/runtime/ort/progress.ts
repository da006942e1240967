/**
 * Download progress for the runtime (the ORT .wasm, 14–27 MB) and each model file, as the reader sees it:
 * one bar for everything still downloading, and a line per file ("runtime 3.1 / 10.4 MB"). Pure TS.
 */

export interface Download {
  /** 'runtime' or a model name. */
  id: string;
  /** Shown to the reader: "runtime", "transformer". */
  label: string;
  loaded: number;
  /** Uncompressed bytes expected, or null when unknown (the bar is then indeterminate). */
  total: number | null;
  done: boolean;
}

/**
 * The size a download will reach, as the bytes a stream reader sees (uncompressed). Content-Length counts
 * the bytes on the wire, so it only qualifies when the response is not content-encoded; a gzip'd response
 * (GitHub Pages, Netlify and most CDNs compress .wasm) needs the size known in advance.
 */
export function expectedTotal(input: {
  contentLength: string | null;
  contentEncoding: string | null;
  expected?: number | null;
}): number | null {
  const encoding = input.contentEncoding?.trim().toLowerCase();
  if ((!encoding || encoding === 'identity') && input.contentLength !== null && /^\d{1,15}$/.test(input.contentLength.trim())) {
    const length = Number(input.contentLength.trim());
    if (length > 0) return length;
  }
  const expected = input.expected;
  return typeof expected === 'number' && Number.isSafeInteger(expected) && expected > 0 ? expected : null;
}

/** The total as displayed: once a download outgrows its expected size, that size was wrong: unknown. */
export function effectiveTotal(d: Pick<Download, 'loaded' | 'total' | 'done'>): number | null {
  if (d.done) return d.loaded;
  return d.total !== null && d.loaded <= d.total ? d.total : null;
}

export interface Aggregate {
  loaded: number;
  /** Null when any active download's size is unknown: the bar is then indeterminate. */
  total: number | null;
  /** 0..1, or null when indeterminate. */
  fraction: number | null;
  active: boolean;
}

/**
 * One bar for several downloads: the sum of bytes over the sum of totals, over the downloads that are
 * still running (finished ones would hold the bar near full while a new one starts).
 */
export function aggregate(downloads: readonly Download[]): Aggregate {
  const running = downloads.filter((d) => !d.done);
  if (running.length === 0) return { loaded: 0, total: null, fraction: null, active: false };
  let loaded = 0;
  let total: number | null = 0;
  for (const d of running) {
    loaded += d.loaded;
    const t = effectiveTotal(d);
    total = total === null || t === null ? null : total + t;
  }
  const fraction = total ? Math.min(1, loaded / total) : null;
  return { loaded, total, fraction, active: true };
}

/** Megabytes with one decimal (MB = 10^6 bytes, as browsers and file managers show). */
export function formatMB(bytes: number): string {
  const mb = bytes / 1e6;
  if (mb > 0 && mb < 0.1) return mb.toFixed(2);
  return mb.toFixed(1);
}

/** "runtime 3.1 / 10.4 MB", or "runtime 3.1 MB" when the size is unknown. */
export function downloadText(d: Download): string {
  const total = effectiveTotal(d);
  return total === null ? `${d.label} ${formatMB(d.loaded)} MB` : `${d.label} ${formatMB(d.loaded)} / ${formatMB(total)} MB`;
}

/** Replaces (or adds) one download's entry, keeping the order in which downloads started. */
export function upsert(downloads: readonly Download[], next: Download): Download[] {
  const index = downloads.findIndex((d) => d.id === next.id);
  if (index === -1) return [...downloads, next];
  return downloads.map((d, i) => (i === index ? next : d));
}

/**
 * Progress events are throttled: a 27 MB stream arrives in hundreds of chunks, and each event crosses
 * from the worker and re-renders every status line on the page. Starts and ends always get through.
 */
export function shouldReport(lastAt: number | null, now: number, done: boolean, intervalMs = 100): boolean {
  return done || lastAt === null || now - lastAt >= intervalMs;
}
