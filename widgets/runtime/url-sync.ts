/**
 * Browser glue between a widget's state and `location.search`. Safe to import during SSR:
 * every function checks for `window` and does nothing on the server.
 */
import { decodeCut, decodeState, defaultState, mergeIntoSearch, type Schema, type StateOf } from './url-state.ts';

const WRITE_DELAY_MS = 150;

interface PendingWrite {
  timer: ReturnType<typeof setTimeout>;
  flush(): void;
}

// One pending write per namespace, so two figures on a page never cancel each other's writes.
const pending = new Map<string, PendingWrite>();

function hasBrowser(): boolean {
  return typeof window !== 'undefined' && typeof window.location !== 'undefined';
}

export function readInitialState<S extends Schema>(schema: S, namespace: string): StateOf<S> {
  if (!hasBrowser()) return defaultState(schema);
  return decodeState(schema, window.location.search, namespace);
}

/** The fields the page's link says it carried shortened (url-state.ts CUT_PARAM). */
export function readInitialCut<S extends Schema>(schema: S, namespace: string): string[] {
  if (!hasBrowser()) return [];
  return decodeCut(schema, window.location.search, namespace);
}

function replaceSearch<S extends Schema>(schema: S, state: StateOf<S>, namespace: string, cut: readonly string[]): void {
  const { pathname, search, hash } = window.location;
  // Merge against the URL as it is *now*, not when the write was scheduled: another figure
  // may have written its own keys in between.
  const nextSearch = mergeIntoSearch(search, schema, state, namespace, cut);
  if (nextSearch === search || (nextSearch === '' && search === '?')) return;
  try {
    history.replaceState(history.state, '', `${pathname}${nextSearch}${hash}`);
  } catch {
    // Safari throws SecurityError past ~100 calls per 30 s; a missed URL update is harmless.
  }
}

/**
 * Debounced: dragging a slider fires dozens of changes per second, and browsers rate-limit
 * history.replaceState. Only the last state within `delayMs` is written.
 */
export function writeState<S extends Schema>(
  schema: S,
  state: StateOf<S>,
  namespace: string,
  cut: readonly string[] = [],
  delayMs: number = WRITE_DELAY_MS,
): void {
  if (!hasBrowser()) return;
  const previous = pending.get(namespace);
  if (previous) clearTimeout(previous.timer);
  const flush = () => {
    pending.delete(namespace);
    replaceSearch(schema, state, namespace, cut);
  };
  pending.set(namespace, { timer: setTimeout(flush, delayMs), flush });
}

/** Writes everything still waiting (e.g. before the reader copies the link or leaves the page). */
export function flushStateWrites(): void {
  for (const write of [...pending.values()]) {
    clearTimeout(write.timer);
    write.flush();
  }
}

if (hasBrowser()) window.addEventListener('pagehide', flushStateWrites);
