/**
 * Reads and verifies a backup file in one streaming pass: gzip integrity, the header, every row
 * against its table's column types and section, the end marker's counts and checksum. Memory
 * stays at one line. Restore runs it twice: once to validate, once to insert (backup-format.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { assertRegularFile } from '../import/file-problem.js';
import { KpError } from '../../shared/errors.js';
import { TABLES } from '../../db/schema.js';
import type { Row } from '../../db/repos/tables.js';
import {
  decodeRow,
  FORMAT,
  VERSION,
  type BackupHeader,
  type Counts,
  type TableName,
} from './backup-format.js';

/** What the second pass does with the rows (nothing in the first). */
export interface BackupVisitor {
  header?(header: BackupHeader): Promise<void>;
  row(table: TableName, row: Row, line: number): Promise<void>;
  /** after the last row of a table's section (also for a table without rows) */
  endTable(table: TableName): Promise<void>;
}

export interface BackupSummary {
  counts: Counts;
  rows: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

class LineChecker {
  private header: BackupHeader | undefined;
  private section = -1;
  private ended = false;
  private readonly counts: Counts = {};
  private rows = 0;
  private readonly hash = createHash('sha256');

  constructor(
    private readonly file: string,
    private readonly visit: BackupVisitor | undefined,
  ) {}

  fail(line: number | undefined, why: string, table?: string, column?: string): never {
    throw new KpError('KP_BACKUP_INVALID', { file: this.file, line, table, column, why });
  }

  async line(no: number, bytes: Buffer): Promise<void> {
    if (this.ended) this.fail(no, 'data after the end marker');
    let obj: unknown;
    try {
      obj = JSON.parse(utf8.decode(bytes));
    } catch (e) {
      this.fail(no, e instanceof TypeError ? 'not valid UTF-8' : 'not valid JSON (corrupted)');
    }
    if (!isObject(obj)) this.fail(no, 'not a JSON object (corrupted)');
    if (no === 1) {
      this.header = this.checkHeader(obj);
      await this.visit?.header?.(this.header);
    } else if ('end' in obj) {
      await this.endSections(no, this.header!.tables.length);
      this.checkEnd(no, obj);
      this.ended = true;
      return;
    } else {
      await this.row(no, obj);
    }
    this.hash.update(bytes).update('\n');
  }

  private checkHeader(h: Record<string, unknown>): BackupHeader {
    if (h.format !== FORMAT) this.fail(1, 'not a kaoping backup (no kaoping-backup header)');
    if (!Number.isSafeInteger(h.version)) this.fail(1, 'the header has no format version');
    const version = h.version as number;
    if (version > VERSION)
      this.fail(
        1,
        `written by a newer kaoping (format version ${version}; this one reads version ${VERSION})`,
      );
    if (version < VERSION)
      this.fail(
        1,
        `format version ${version} carries no checksum or end marker; this kaoping reads version ${VERSION}`,
      );
    if (!Array.isArray(h.tables) || !isObject(h.counts))
      this.fail(1, 'the header has no table list or counts');
    let last = -1;
    for (const t of h.tables as unknown[]) {
      const at = TABLES.indexOf(t as TableName);
      if (at < 0) this.fail(1, 'unknown table in the header', String(t));
      if (at <= last) this.fail(1, 'tables out of order in the header', String(t));
      if (!isCount(h.counts[t as string])) this.fail(1, 'the header has no row count', String(t));
      last = at;
    }
    return h as unknown as BackupHeader;
  }

  private async endSections(no: number, upTo: number): Promise<void> {
    const tables = this.header!.tables;
    for (; this.section < upTo; this.section++) {
      if (this.section < 0) continue;
      const t = tables[this.section]!;
      if ((this.counts[t] ?? 0) !== this.header!.counts[t])
        this.fail(no, `${this.counts[t] ?? 0} rows where the header announces ${this.header!.counts[t]}`, t);
      await this.visit?.endTable(t);
    }
  }

  private async row(no: number, obj: Record<string, unknown>): Promise<void> {
    const { t, r } = obj;
    if (typeof t !== 'string' || Object.keys(obj).length !== 2 || !('r' in obj))
      this.fail(no, 'not a row line {"t": table, "r": row} (corrupted)');
    const tables = this.header!.tables;
    const at = tables.indexOf(t as TableName);
    if (at < 0) this.fail(no, 'unknown table', t);
    if (at < this.section)
      this.fail(no, `a row after the section of table ${tables[this.section]} (corrupted)`, t);
    await this.endSections(no, at);
    const table = t as TableName;
    const decoded = decodeRow(table, r);
    if (!decoded.ok) this.fail(no, decoded.why, table, decoded.column);
    const n = (this.counts[table] ?? 0) + 1;
    if (n > this.header!.counts[table]!)
      this.fail(no, `more rows than the ${this.header!.counts[table]} the header announces`, table);
    this.counts[table] = n;
    this.rows++;
    await this.visit?.row(table, decoded.row, no);
  }

  private checkEnd(no: number, e: Record<string, unknown>): void {
    if (e.end !== true || !isObject(e.counts) || typeof e.sha256 !== 'string')
      this.fail(no, 'a malformed end marker (corrupted)');
    for (const t of this.header!.tables) {
      if (e.counts[t] !== (this.counts[t] ?? 0))
        this.fail(
          no,
          `the end marker counts ${String(e.counts[t])} rows, the file holds ${this.counts[t] ?? 0}`,
          t,
        );
    }
    if (e.rows !== this.rows)
      this.fail(no, `the end marker counts ${String(e.rows)} rows, the file holds ${this.rows}`);
    if (e.sha256 !== this.hash.digest('hex'))
      this.fail(no, 'checksum mismatch: the file was changed or corrupted');
  }

  finish(lines: number, partial: boolean): BackupSummary {
    if (lines === 0 && !partial) this.fail(undefined, 'empty file');
    if (partial) this.fail(lines + 1, 'truncated: the last line is cut short');
    if (!this.ended) this.fail(lines, `truncated: no end marker after line ${lines}`);
    return { counts: this.counts, rows: this.rows };
  }
}

/** Streams the file through the checks (and the visitor); throws KP_BACKUP_INVALID naming the line. */
export async function readBackup(file: string, visit?: BackupVisitor): Promise<BackupSummary> {
  assertRegularFile(file, 'KP_BACKUP_INVALID');
  const checker = new LineChecker(file, visit);
  const gunzip = zlib.createGunzip();
  const input = fs.createReadStream(file);
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  let lines = 0;
  let rest: Buffer[] = [];
  // an error of the checks or of the visitor (the database) propagates as it is; anything else
  // comes from reading or decompressing the file
  let own: unknown;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let from = 0;
      for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
        const piece = chunk.subarray(from, nl);
        const bytes = rest.length === 0 ? piece : Buffer.concat([...rest, piece]);
        rest = [];
        await checker.line(++lines, bytes).catch((e: unknown) => {
          own = e;
          throw e;
        });
        from = nl + 1;
      }
      if (from < chunk.length) rest.push(chunk.subarray(from));
    }
  } catch (e) {
    input.destroy();
    gunzip.destroy();
    if (e === own) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new KpError('KP_BACKUP_INVALID', {
      file,
      line: lines > 0 ? lines + 1 : undefined,
      why: `not a complete gzip stream (${why}): truncated or corrupted`,
    });
  }
  return checker.finish(lines, rest.length > 0);
}
