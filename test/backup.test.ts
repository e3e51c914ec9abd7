/**
 * Backup and restore: a damaged file (cut at every line boundary and at many byte offsets,
 * flipped bytes, wrong types, a newer version, …) is refused before anything is touched; a
 * backup taken while another connection writes holds one state that existed; SQLite ↔
 * PostgreSQL round trips keep every table identical.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/create-db.js';
import { backup } from '../src/services/backup/backup.js';
import { restore as restoreService } from '../src/services/backup/restore.js';
import { readBackup } from '../src/services/backup/backup-reader.js';
import { isKpError } from '../src/shared/errors.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { FIXTURES, runCli } from './support/cli.js';
import { fingerprint } from './support/fingerprint.js';

const small = (f: string) => path.join(FIXTURES, 'small', f);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-backup-'));
let fileNo = 0;

async function loadSmall(t: TestDb): Promise<void> {
  expect((await runCli(t.env, ['import', 'config', small('config.json')])).code).toBe(0);
  for (const kind of ['units', 'responses', 'cases', 'scores']) {
    const r = await runCli(t.env, ['import', kind, small(`${kind}.csv`), '--assessment', 't-2024']);
    expect(r.stderr, kind).toBe('');
  }
  expect((await runCli(t.env, ['user', 'add', '张三', '--role', 'admin'])).code).toBe(0);
}

const readLines = (file: string) =>
  zlib
    .gunzipSync(fs.readFileSync(file))
    .toString('utf8')
    .split(/(?<=\n)/);

function sameContent(a: Buffer, b: Buffer): boolean {
  try {
    return zlib.gunzipSync(a).equals(zlib.gunzipSync(b));
  } catch {
    return false;
  }
}

function writeGz(content: Buffer | string): string {
  const file = path.join(tmp, `variant-${++fileNo}.jsonl.gz`);
  fs.writeFileSync(file, zlib.gzipSync(content));
  return file;
}

/** Lines (with their newlines) of a valid file after `edit`, with the end marker recomputed. */
function resealed(lines: string[], edit: (rows: string[]) => void): string {
  const body = lines.slice(0, -1);
  edit(body);
  const counts: Record<string, number> = {};
  const header = JSON.parse(body[0]!) as { tables: string[]; counts: Record<string, number> };
  for (const t of header.tables) counts[t] = 0;
  for (const l of body.slice(1)) {
    const t = (JSON.parse(l) as { t: string }).t;
    counts[t] = (counts[t] ?? 0) + 1;
  }
  header.counts = counts;
  body[0] = JSON.stringify(header) + '\n';
  const sha256 = createHash('sha256').update(body.join('')).digest('hex');
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  return body.join('') + JSON.stringify({ end: true, counts, rows, sha256 }) + '\n';
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`backup and restore on ${engine}`, () => {
    let t: TestDb;
    let good: string;
    let lines: string[];
    let before: Record<string, string>;
    const restore = (file: string) => runCli(t.env, ['restore', file]);

    /**
     * restore refuses `file` with a KP_BACKUP_INVALID error of one line containing `message`
     * (in-process: hundreds of variants; the CLI's one-line output is checked separately)
     */
    async function refused(file: string, message?: string | RegExp): Promise<string> {
      const e = await restoreService(t.handle, file, 'test', new Date()).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(isKpError(e) ? e.code : e, file).toBe('KP_BACKUP_INVALID');
      const text = (e as Error).message;
      expect(text.split('\n')).toHaveLength(1);
      if (message !== undefined) expect(text).toMatch(message);
      return text;
    }

    beforeAll(async () => {
      t = await createTestDb(engine);
      await loadSmall(t);
      good = path.join(tmp, `good-${engine}.jsonl.gz`);
      const r = await runCli(t.env, ['backup', good]);
      expect(r.stderr).toBe('');
      lines = readLines(good);
      // restore it once so that the fingerprint includes the restore's own audit entry pattern
      expect((await restore(good)).code).toBe(0);
      before = await fingerprint(t.handle);
    });
    afterAll(async () => t?.dispose());

    it('prints one line naming the file and line, exits non-zero', async () => {
      const file = writeGz(lines.slice(0, 3).join(''));
      const r = await restore(file);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`kaoping: ${file}:3: truncated: no end marker after line 3\n`);
      expect(await fingerprint(t.handle)).toEqual(before);
    });

    it('refuses to write into a missing folder, leaving nothing behind', async () => {
      const r = await runCli(t.env, ['backup', path.join(tmp, 'no-such-dir', 'b.gz')]);
      expect(r.stderr).toBe(
        `kaoping: ${path.join(tmp, 'no-such-dir', 'b.gz')}: no such folder: ${path.join(tmp, 'no-such-dir')}\n`,
      );
    });

    it('writes a manifest first and an end marker last', () => {
      const header = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(header).toMatchObject({ format: 'kaoping-backup', version: 2 });
      expect(header.counts).toMatchObject({ responses: 7, units: 3, users: 1 });
      const end = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
      expect(end).toMatchObject({ end: true, counts: header.counts });
      expect(end.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(fs.readdirSync(tmp).filter((f) => f.includes('partial'))).toEqual([]);
    });

    it('refuses the file cut at every line boundary, and a cut inside every line', async () => {
      for (let k = 0; k < lines.length; k++) {
        const kept = lines.slice(0, k).join('');
        await refused(writeGz(kept), k === 0 ? /empty|truncated/ : /truncated/);
        // the same cut one byte into line k+1, and the last kept line without its newline
        await refused(writeGz(kept + lines[k]!.slice(0, 1)), /truncated/);
        if (k > 0) await refused(writeGz(kept.slice(0, -1)), /truncated/);
      }
      await refused(writeGz(lines.join('').slice(0, -1)), /truncated: the last line is cut short/);
      expect(await fingerprint(t.handle)).toEqual(before);
    });

    it('refuses the gzip stream cut short at many offsets', async () => {
      const gz = fs.readFileSync(good);
      for (let cut = 0; cut < gz.length; cut += cut < 64 || cut > gz.length - 64 ? 1 : 13) {
        const file = path.join(tmp, `cut-${++fileNo}.gz`);
        fs.writeFileSync(file, gz.subarray(0, cut));
        await refused(file);
      }
      expect(await fingerprint(t.handle)).toEqual(before);
    });

    it('refuses flipped bytes in the gzip stream and in the content', async () => {
      const gz = fs.readFileSync(good);
      // bytes 4–9 of a gzip header (time, flags, OS) are outside its CRC and change nothing
      for (let at = 10; at < gz.length; at += 17) {
        const bad = Buffer.from(gz);
        bad[at] = bad[at]! ^ 0x10;
        // a flip in the deflate stream's padding bits decompresses to the same content: no damage
        if (sameContent(bad, gz)) continue;
        const file = path.join(tmp, `flip-${++fileNo}.gz`);
        fs.writeFileSync(file, bad);
        await refused(file);
      }
      const content = Buffer.from(lines.join(''));
      for (let at = 0; at < content.length; at += 41) {
        const bad = Buffer.from(content);
        bad[at] = bad[at]! ^ 0x01;
        await refused(writeGz(bad));
      }
      expect(await fingerprint(t.handle)).toEqual(before);
    });

    it('refuses a header alone, a foreign file, a newer version and an unknown table', async () => {
      await refused(writeGz(lines[0]!), /:1: truncated: no end marker after line 1/);
      await refused(writeGz('{"hello":"world"}\n'), /not a kaoping backup/);
      const plain = path.join(tmp, 'plain.jsonl');
      fs.writeFileSync(plain, lines.join(''));
      await refused(plain, /not a complete gzip stream/);
      await refused(path.join(tmp, 'missing.gz'), /no such file/);
      const newer = resealed(lines, (b) => (b[0] = b[0]!.replace('"version":2', '"version":3')));
      await refused(writeGz(newer), /:1: written by a newer kaoping \(format version 3/);
      const v1 = '{"format":"kaoping-backup","version":1,"tables":["assessments"]}\n';
      await refused(writeGz(v1), /:1: format version 1 carries no checksum or end marker/);
      const unknown = resealed(lines, (b) => b.splice(2, 0, '{"t":"secrets","r":{}}\n'));
      await refused(writeGz(unknown), /:3: table secrets: unknown table/);
      expect(await fingerprint(t.handle)).toEqual(before);
    });

    it('refuses a row of one table after the section of a later one', async () => {
      const moved = resealed(lines, (b) => {
        const i = b.findIndex((l) => l.startsWith('{"t":"units"'));
        const [unit] = b.splice(i, 1);
        const j = b.findIndex((l) => l.startsWith('{"t":"items"'));
        b.splice(j + 1, 0, unit!);
      });
      await refused(writeGz(moved), /:5: table units: 2 rows where the header announces 3/);
      expect(await fingerprint(t.handle)).toEqual(before);
    });

    it.each([
      [
        'a string in a number column',
        'responses',
        (r: Record<string, unknown>) => (r.duration_s = '90'),
        'column duration_s: expected a number or null',
      ],
      [
        'a missing NOT NULL column',
        'units',
        (r: Record<string, unknown>) => delete r.name,
        'column name: missing',
      ],
      [
        'null in a NOT NULL column',
        'units',
        (r: Record<string, unknown>) => (r.name = null),
        'column name: expected a string',
      ],
      [
        'an unknown column',
        'units',
        (r: Record<string, unknown>) => (r.colour = 'red'),
        'column colour: unknown column',
      ],
      [
        'a fraction in an integer column',
        'responses',
        (r: Record<string, unknown>) => (r.block_pos = 1.5),
        'column block_pos: expected an integer',
      ],
      [
        'a bad binary value',
        'response_blocks',
        (r: Record<string, unknown>) => (r.data = 'AAAA'),
        'column data: expected {"$b64": base64 text}',
      ],
    ])('refuses %s, naming the line, table and column', async (_name, table, edit, message) => {
      let line = 0;
      const bad = resealed(lines, (b) => {
        const i = b.findIndex((l) => l.startsWith(`{"t":"${table}"`));
        const obj = JSON.parse(b[i]!) as { t: string; r: Record<string, unknown> };
        edit(obj.r);
        b[i] = JSON.stringify(obj) + '\n';
        line = i + 1;
      });
      const file = writeGz(bad);
      await refused(file, `${file}:${line}: table ${table}: ${message}`);
      expect(await fingerprint(t.handle)).toEqual(before);
    });

    it('rolls back rows the database refuses (a reference to a missing row), naming the table', async () => {
      const bad = resealed(lines, (b) => {
        const i = b.findIndex((l) => l.startsWith('{"t":"responses"'));
        const obj = JSON.parse(b[i]!) as { t: string; r: Record<string, unknown> };
        obj.r.block_id = 999_999;
        b[i] = JSON.stringify(obj) + '\n';
      });
      await refused(writeGz(bad), /table responses: the database refuses the rows from this line on: /);
      expect(await fingerprint(t.handle)).toEqual(before);
    });

    it('restores the good file to the same contents, and re-imports stay no-ops', async () => {
      await t.handle.db.deleteFrom('assessments').execute();
      const r = await restore(good);
      expect(r.stderr).toBe('');
      const after = await fingerprint(t.handle);
      // everything but the audit log (which records the restore) is identical
      expect({ ...after, audit_log: '' }).toEqual({ ...before, audit_log: '' });
      const again = await runCli(t.env, [
        'import',
        'responses',
        small('responses.csv'),
        '--assessment',
        't-2024',
      ]);
      expect(again.stdout).toContain('0 responses added');
      const add = await runCli(t.env, ['user', 'add', '李四', '--role', 'admin']);
      expect(add.code, add.stderr).toBe(0);
    });

    it('takes a consistent snapshot while another connection writes', async () => {
      const writer = createDb(
        engine === 'sqlite'
          ? { sqliteFile: path.join(t.env.KAOPING_DATA_DIR!, 'kaoping.db') }
          : { databaseUrl: t.env.DATABASE_URL },
      );
      let stop = false;
      let written = 0;
      const base = { units: 0, scores: 0 };
      const writing = (async () => {
        while (!stop) {
          // better-sqlite3 answers synchronously: yield to I/O as a server between requests would
          await new Promise((resolve) => setImmediate(resolve));
          const k = ++written;
          // a unit and its score, always together
          await writer.ops.writeTransaction(writer.db, async (trx) => {
            await trx
              .insertInto('units')
              .values({
                assessment_id: 't-2024',
                code: `X${k}`,
                name: `x${k}`,
                category: 'x',
                has_window: 0,
                position: 100 + k,
              })
              .execute();
            await trx
              .insertInto('performance_scores')
              .values({ assessment_id: 't-2024', unit_code: `X${k}`, daily: k, bonus: null })
              .execute();
          });
        }
      })();
      try {
        const first = JSON.parse(lines[0]!) as { counts: Record<string, number> };
        base.units = first.counts.units!;
        base.scores = first.counts.performance_scores!;
        for (let i = 0; i < 8; i++) {
          const file = path.join(tmp, `snap-${engine}-${i}.gz`);
          await backup(t.handle, file);
          const h = JSON.parse(readLines(file)[0]!) as { counts: Record<string, number> };
          expect(h.counts.units! - base.units).toBe(h.counts.performance_scores! - base.scores);
          // and the rows in the file are the ones counted (the reader checks every section)
          expect((await readBackup(file)).counts.units).toBe(h.counts.units);
        }
        expect(written).toBeGreaterThan(0);
      } finally {
        stop = true;
        await writing;
        await writer.close();
      }
    });
  });
}

describe.skipIf(!(await engineReachable('postgres')))('SQLite → PostgreSQL → SQLite', () => {
  const dbs: TestDb[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.dispose();
  });

  it('keeps every table identical', async () => {
    const a = await createTestDb('sqlite');
    const p = await createTestDb('postgres');
    const b = await createTestDb('sqlite');
    dbs.push(a, p, b);
    await loadSmall(a);
    const f1 = path.join(tmp, 'rt-1.gz');
    const f2 = path.join(tmp, 'rt-2.gz');
    expect((await runCli(a.env, ['backup', f1])).stderr).toBe('');
    expect((await runCli(p.env, ['restore', f1])).stderr).toBe('');
    expect((await runCli(p.env, ['backup', f2])).stderr).toBe('');
    expect((await runCli(b.env, ['restore', f2])).stderr).toBe('');
    const fa = await fingerprint(a.handle);
    const fb = await fingerprint(b.handle);
    const fp = await fingerprint(p.handle);
    // the audit log gains one restore entry per restore; every other table is identical
    expect({ ...fp, audit_log: '' }).toEqual({ ...fa, audit_log: '' });
    expect({ ...fb, audit_log: '' }).toEqual({ ...fa, audit_log: '' });
    expect(zlib.gunzipSync(fs.readFileSync(f2)).toString()).toContain('"action":"restore"');
    // ids keep being generated after the restored ones on PostgreSQL
    expect((await runCli(p.env, ['user', 'add', '王五', '--role', 'admin'])).code).toBe(0);
  });
});
