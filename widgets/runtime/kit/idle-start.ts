/**
 * Starts a figure's model before the figure hydrates: when the page is idle after it has loaded (or when
 * the figure comes within two screens of the viewport and hydrates, whichever is first; the view's own
 * `load()` then joins the load already under way, since the runtime loads each model once per page).
 * A reader who jumps straight to a figure, or reads the text above it for a while, finds it live.
 *
 * The server entry writes what to load into a hidden element (`IdleStart.astro`); its script reads every
 * such element on the page and starts those loads once. Failures are left to the figure: it calls `load()`
 * again on hydration, which retries, and shows the problem in its own status line.
 */
import { modelRuntime, modelUrl } from '../ort/runtime.ts';

export interface IdleLoad {
  /** The model's name in the page runtime (the one the figure uses). */
  name: string;
  /** The file under /models/. */
  file: string;
  /** The card's byte count: the progress total when the server compresses (null: unknown). */
  bytes: number | null;
}

/** The loads written by IdleStart.astro; anything malformed is skipped (never throws). */
export function parseIdleLoads(raw: string | undefined): IdleLoad[] {
  let data: unknown;
  try {
    data = JSON.parse(raw ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.filter(
    (d): d is IdleLoad =>
      typeof d === 'object' && d !== null && typeof d.name === 'string' && typeof d.file === 'string' && /^[\w.-]+$/.test(d.file) &&
      (d.bytes === null || (Number.isSafeInteger(d.bytes) && d.bytes > 0)),
  );
}

/** Calls `task` once the page has loaded and the browser is idle (at most `lateMs` after the load event). */
export function afterLoadWhenIdle(task: () => void, lateMs = 5_000): void {
  const idle = () => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: lateMs });
    else setTimeout(task, 1_000);
  };
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}

/** Starts every load the page's IdleStart elements ask for (each model once). */
export function startIdleLoads(root: ParentNode = document): void {
  const seen = new Set<string>();
  for (const el of root.querySelectorAll<HTMLElement>('[data-idle-start]')) {
    for (const load of parseIdleLoads(el.dataset.idleStart)) {
      if (seen.has(load.name)) continue;
      seen.add(load.name);
      modelRuntime()
        .load(load.name, modelUrl(load.file), load.bytes ? { expectedBytes: load.bytes } : {})
        .catch(() => undefined); // the figure reports it when it hydrates
    }
  }
}
