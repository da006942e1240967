/**
 * Newest input wins. A widget that runs a model while the reader types submits a request per keystroke
 * under one key (its figure id); only the newest request per key is worth running or painting.
 *
 * - `claim(key)` is called the moment a request is made, so its order is the order of the reader's input,
 *   even if the request then waits (for its model to load) before it is queued.
 * - `enqueue` drops any older request of the same key still waiting: it will never run.
 * - `isCurrent` tells, when a result arrives, whether a newer request was made since: if so the result is
 *   stale and must not be painted over the newer one.
 *
 * Requests run one at a time in the order they were queued (the ORT runtime is single-threaded anyway).
 * Pure TS: tested in Node.
 */

export interface Ticket {
  readonly key: string;
  readonly seq: number;
}

interface Entry<T> {
  ticket: Ticket;
  job: T;
}

export class LatestWinsQueue<T> {
  private seq = 0;
  private readonly newest = new Map<string, number>();
  private waiting: Entry<T>[] = [];

  /** A ticket for a new request under `key`; every older ticket of that key becomes stale. */
  claim(key: string): Ticket {
    const seq = ++this.seq;
    this.newest.set(key, seq);
    return { key, seq };
  }

  isCurrent(ticket: Ticket): boolean {
    return this.newest.get(ticket.key) === ticket.seq;
  }

  /**
   * Queues a job. Returns the jobs this makes obsolete (older waiting jobs of the same key), or the job
   * itself when its ticket is already stale; the caller settles them as stale.
   */
  enqueue(ticket: Ticket, job: T): T[] {
    if (!this.isCurrent(ticket)) return [job];
    const dropped: T[] = [];
    this.waiting = this.waiting.filter((entry) => {
      if (entry.ticket.key !== ticket.key) return true;
      dropped.push(entry.job);
      return false;
    });
    this.waiting.push({ ticket, job });
    return dropped;
  }

  /** The next job to run, oldest first. */
  take(): { ticket: Ticket; job: T } | undefined {
    return this.waiting.shift();
  }

  /** Empties the queue (e.g. the runtime failed) and returns what was waiting, so it can be settled. */
  drain(): T[] {
    const jobs = this.waiting.map((entry) => entry.job);
    this.waiting = [];
    return jobs;
  }

  get size(): number {
    return this.waiting.length;
  }
}
