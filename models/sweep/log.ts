// Writes a sweep's log as JSON that diffs well: objects indented, arrays of plain values on one line, and the
// arrays named as rows (the runs) one element per line. Still one JSON object.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function pretty(v: unknown, indent: string): string {
  if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object'))
    return `[\n${v.map((x) => indent + ' ' + pretty(x, indent + ' ')).join(',\n')}\n${indent}]`;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${indent} ${JSON.stringify(k)}: ${pretty(x, indent + ' ')}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

/** Writes `log` to `path`; the arrays named in `rowKeys` get one compact element per line. */
export function writeLog(path: string, log: Record<string, unknown>, rowKeys: readonly string[]): void {
  const parts = Object.entries(log).map(([k, v]) => {
    if (rowKeys.includes(k) && Array.isArray(v))
      return `${JSON.stringify(k)}: [${v.length ? '\n' + v.map((row) => '  ' + JSON.stringify(row)).join(',\n') + '\n ' : ''}]`;
    return `${JSON.stringify(k)}: ${pretty(v, ' ')}`;
  });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `{\n ${parts.join(',\n ')}\n}\n`);
}
