/**
 * Newest input wins, on the view's side. A figure that runs a model on every keystroke starts a task per
 * input; a task may take several steps (tokenize, run the model, run the lens), and only the newest task may
 * paint. The shared runtime already drops superseded requests in its queue (runtime/ort/latest-wins.ts) and
 * answers `null` for a stale one; this guards the view across the awaits between steps. Pure TS.
 */
export class Newest {
  private generation = 0;

  /** A token for a new task; every earlier token stops being current. */
  begin(): number {
    return ++this.generation;
  }

  isCurrent(token: number): boolean {
    return token === this.generation;
  }

  /** Makes every task in flight stale (the input became empty, say). */
  cancel(): void {
    this.generation += 1;
  }
}
