/**
 * The backup file format (version 2), gzipped JSON lines:
 *
 *   line 1   {"format":"kaoping-backup","version":2,"tables":[…],"counts":{table: rows}}
 *   …        {"t":"units","r":{column: value}}   one per row, tables in TABLES order (sections)
 *   last     {"end":true,"counts":{…},"rows":N,"sha256":"…"}
 *
 * The end marker repeats the counts and carries a SHA-256 over the bytes of every line before it
 * (newlines included), so a file cut anywhere, even cleanly between two lines, and any changed
 * byte are detected. Binary columns travel as {"$b64": "…"}, so a backup of one engine restores
 * on the other.
 */
import { columnKinds, type ColumnKind } from '../../db/columns.js';
import type { Database } from '../../db/schema.js';
import type { Row } from '../../db/repos/tables.js';

export const FORMAT = 'kaoping-backup';
export const VERSION = 2;

export type TableName = keyof Database;
export type Counts = Partial<Record<TableName, number>>;

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  tables: TableName[];
  counts: Counts;
}

export interface EndMarker {
  end: true;
  counts: Counts;
  rows: number;
  sha256: string;
}

/** A row as a JSON-safe object: binary columns as base64. */
export function encodeRow(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row))
    out[k] = v instanceof Uint8Array ? { $b64: Buffer.from(v).toString('base64') } : v;
  return out;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

type Decoder = (v: unknown) => { ok: true; value: unknown } | { ok: false; expected: string };

const ok = (value: unknown) => ({ ok: true as const, value });
const expected = (what: string) => ({ ok: false as const, expected: what });

const DECODERS: Record<ColumnKind, Decoder> = {
  text: (v) => (typeof v === 'string' ? ok(v) : expected('a string')),
  'text?': (v) => (v === null || typeof v === 'string' ? ok(v) : expected('a string or null')),
  integer: (v) => (Number.isSafeInteger(v) ? ok(v) : expected('an integer')),
  'integer?': (v) => (v === null || Number.isSafeInteger(v) ? ok(v) : expected('an integer or null')),
  real: (v) => (typeof v === 'number' && Number.isFinite(v) ? ok(v) : expected('a number')),
  'real?': (v) =>
    v === null || (typeof v === 'number' && Number.isFinite(v)) ? ok(v) : expected('a number or null'),
  blob: (v) =>
    isObject(v) &&
    Object.keys(v).length === 1 &&
    typeof v.$b64 === 'string' &&
    v.$b64.length % 4 === 0 &&
    BASE64.test(v.$b64)
      ? ok(Buffer.from(v.$b64, 'base64'))
      : expected('{"$b64": base64 text}'),
};

/**
 * Checks a row against the table's column types and decodes it for insertion; on failure,
 * returns the offending column and what it should hold.
 */
export function decodeRow(
  table: TableName,
  r: unknown,
): { ok: true; row: Row } | { ok: false; column?: string; why: string } {
  if (!isObject(r)) return { ok: false, why: 'the row is not an object' };
  const kinds = columnKinds(table);
  for (const c of Object.keys(r)) if (!(c in kinds)) return { ok: false, column: c, why: 'unknown column' };
  const row: Row = {};
  for (const [c, kind] of Object.entries(kinds)) {
    if (!(c in r)) return { ok: false, column: c, why: 'missing' };
    const d = DECODERS[kind](r[c]);
    if (!d.ok) return { ok: false, column: c, why: `expected ${d.expected}` };
    row[c] = d.value;
  }
  return { ok: true, row };
}
