/**
 * Downloads a file into memory while reporting progress, for the ORT .wasm and the model files. ORT could
 * fetch both itself, but then the reader would stare at a frozen figure for the 4–7 MB (gzip) of runtime:
 * reading the stream ourselves gives bytes / total. Runs in the worker (and in Node tests, with a stub fetch).
 */
import { expectedTotal, shouldReport } from './progress.ts';

/** The server answered, but not with the file (404, 500…). */
export class HttpError extends Error {
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  constructor(status: number, statusText: string, url: string) {
    super(`HTTP ${status}${statusText ? ` ${statusText}` : ''} for ${url}`);
    this.name = 'HttpError';
    this.status = status;
    this.statusText = statusText;
    this.url = url;
  }
}

/** No answer at all: offline, DNS, a dropped connection mid-stream. */
export class NetworkError extends Error {
  readonly url: string;
  constructor(url: string, cause: unknown) {
    super(`network error for ${url}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'NetworkError';
    this.url = url;
  }
}

/** A 200 with a web page instead of the file: a host's "not found" page served as 200, a captive portal. */
export class NotAFileError extends Error {
  readonly url: string;
  readonly contentType: string;
  constructor(url: string, contentType: string) {
    super(`expected a binary file at ${url}, got ${contentType}`);
    this.name = 'NotAFileError';
    this.url = url;
    this.contentType = contentType;
  }
}

export interface FetchProgressOptions {
  fetch: (url: string) => Promise<Response>;
  /** The uncompressed size when known in advance, used when Content-Length cannot be trusted. */
  expectedBytes: number | null;
  onProgress(loaded: number, total: number | null, done: boolean): void;
  now(): number;
}

export async function fetchWithProgress(url: string, options: FetchProgressOptions): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await options.fetch(url);
  } catch (error) {
    throw new NetworkError(url, error);
  }
  if (!response.ok) throw new HttpError(response.status, response.statusText, url);
  const contentType = response.headers.get('content-type') ?? '';
  if (/^\s*text\/html\b/i.test(contentType)) throw new NotAFileError(url, contentType);

  const total = expectedTotal({
    contentLength: response.headers.get('content-length'),
    contentEncoding: response.headers.get('content-encoding'),
    expected: options.expectedBytes,
  });
  let lastAt: number | null = null;
  const report = (loaded: number, done: boolean) => {
    const now = options.now();
    if (!shouldReport(lastAt, now, done)) return;
    lastAt = now;
    options.onProgress(loaded, total, done);
  };
  report(0, false);

  if (!response.body) {
    // No stream (old engines): no progress, but the file still arrives.
    const bytes = new Uint8Array(await readWhole(response, url));
    report(bytes.length, true);
    return bytes;
  }
  const reader = response.body.getReader();
  // Preallocated when the size is known: a 27 MB binary is not copied chunk list -> array twice.
  let buffer = new Uint8Array(total ?? 1 << 20);
  let loaded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (loaded + value.length > buffer.length) {
        const grown = new Uint8Array(Math.max(buffer.length * 2, loaded + value.length));
        grown.set(buffer.subarray(0, loaded));
        buffer = grown;
      }
      buffer.set(value, loaded);
      loaded += value.length;
      report(loaded, false);
    }
  } catch (error) {
    throw new NetworkError(url, error);
  }
  report(loaded, true);
  return loaded === buffer.length ? buffer : buffer.slice(0, loaded);
}

async function readWhole(response: Response, url: string): Promise<ArrayBuffer> {
  try {
    return await response.arrayBuffer();
  } catch (error) {
    throw new NetworkError(url, error);
  }
}
