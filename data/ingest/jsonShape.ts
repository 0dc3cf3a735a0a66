import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';

/**
 * How a `.json` file holds its records, told from its start: `array` — one JSON array of records (as many
 * exporters write a whole export), `documents` — pretty-printed objects one after another (a single record
 * per file, or `jq` output), `lines` — JSON Lines.
 */
export type JsonShape = 'array' | 'documents' | 'lines';

/**
 * The shape from the file's first characters: '[' first is an array; a first line that is only '{' begins a
 * pretty-printed document (JSON.stringify(x, null, 2), jq, json.dumps(indent=2) all write it so); anything
 * else reads as lines, so a broken first line is one quarantined line, not an unreadable file.
 */
export function jsonShapeOf(head: string): JsonShape {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'array';
  const firstLine = text.split(/\r?\n/, 1)[0];
  return firstLine.trim() === '{' && text.length > firstLine.length ? 'documents' : 'lines';
}

const HEAD_BYTES = 64 * 1024;

/** The first bytes of a file, gunzipped when it is gzip (by its magic bytes, whatever its name). */
export function readHeadBytes(path: string): Buffer {
  const fd = openSync(path, 'r');
  let buf: Buffer;
  try {
    buf = Buffer.alloc(HEAD_BYTES);
    buf = buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      // A truncated stream (only the head was read) is fine with a sync flush.
      buf = gunzipSync(buf, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return Buffer.alloc(0);
    }
  }
  return buf;
}

/** The first characters of a file, gunzipped when it is gzip (by its magic bytes, whatever its name). */
export function readHead(path: string): string {
  return readHeadBytes(path).toString('utf8');
}
