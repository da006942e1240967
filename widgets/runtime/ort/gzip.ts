/**
 * The WebGPU runtime's .wasm is stored gzip'd (scripts/postbuild.ts: the raw file is over the 25 MiB a
 * file some hosts accept). What arrives depends on the host: the gzip bytes as they are (most hosts), or the
 * .wasm itself when the host sent the file with `Content-Encoding: gzip` and the browser already unzipped it.
 * Both are recognised by their first bytes. Runs in the worker and in Node (DecompressionStream is in both).
 */
const GZIP_MAGIC = [0x1f, 0x8b] as const;

export const isGzip = (bytes: Uint8Array) => bytes.length > 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];

/** The bytes unzipped if they are gzip, else as they are. */
export async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
