/**
 * Issue 7: files as a Chinese office has them (test/fixtures/awkward, written by its make.ts,
 * partly saved by LibreOffice). Every legitimate file is read value by value; every refused one
 * exits 1 with exactly one line naming file, line and column, and leaves every table unchanged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../src/db/schema.js';
import { decodeBlock } from '../src/db/codec/block-codec.js';
import { loadSecretKey, secretBox } from '../src/services/crypto.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { FIXTURES, runCli } from './support/cli.js';

const awkward = (f: string) => path.join(FIXTURES, 'awkward', f);
const small = (f: string) => path.join(FIXTURES, 'small', f);
const A = 't-2024';

async function tableCounts(t: TestDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const r = await t.handle.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}

/** kind, file, where (`:LINE: column C:` or `:` for the file), and the reason */
const REFUSED: [string, string, string, RegExp][] = [
  [
    'responses',
    'bad-responses-short-row.csv',
    ':3: column submitted_at:',
    /missing: the row has 9 cells, the header \(line 1\) 10/,
  ],
  ['responses', 'bad-responses-long-row.csv', ':3: column 11 (no header):', /beyond the header's 10 columns/],
  [
    'responses',
    'bad-responses-hour-25.csv',
    ':2: column submitted_at:',
    /"2024-10-01T25:00:00" is not a date-time/,
  ],
  ['responses', 'bad-responses-minute-99.csv', ':2: column submitted_at:', /not a date-time/],
  [
    'responses',
    'bad-responses-offset-15.csv',
    ':2: column submitted_at:',
    /"2024-10-01T10:00:00\+15:00" is not/,
  ],
  ['responses', 'bad-responses-duration-hex.csv', ':2: column duration_s:', /"0x3C" is not a duration/],
  ['responses', 'bad-responses-rating-4.5.csv', ':2: column value:', /"4.5" is not a rating 1..5 or DK/],
  ['responses', 'bad-responses-not-text.csv', ':2:', /neither valid UTF-8 nor valid GB18030/],
  [
    'responses',
    'bad-responses-formula-no-cache.xlsx',
    ':3: column value (cell H3):',
    /^formula without a cached value; open and save the file in Excel$/,
  ],
  ['responses', 'bad-responses-error-cell.xlsx', ':2: column value (cell H2):', /error value #N\/A/],
  ['cases', 'bad-cases-phone-1.csv', ':3: column phone:', /"1": not a Chinese mobile/],
  [
    'cases',
    'bad-cases-phone-scientific.csv',
    ':2: column phone:',
    /"1.38001E\+10": Excel scientific notation has lost digits/,
  ],
  ['cases', 'bad-cases-phone-text.csv', ':2: column phone:', /not a Chinese mobile/],
  ['cases', 'bad-cases-phone-formula.xlsx', ':2: column phone (cell C2):', /a formula, not a phone number/],
  ['cases', 'bad-cases-date-feb-30.csv', ':2: column service_date:', /"2020-02-30" is not a date/],
  ['cases', 'bad-cases-date-7-digits.csv', ':2: column service_date:', /"2020121" is not a date/],
  [
    'cases',
    'bad-cases-disposition-4.99.csv',
    ':2: column disposition:',
    /"4.99" is not an AAPOR final disposition code/,
  ],
  ['cases', 'bad-cases-attempts-negative.csv', ':2: column attempts:', /"-1" is not a count/],
  ['scores', 'bad-scores-hex.csv', ':2: column daily:', /"0x3C" is not a score 0–100/],
  ['scores', 'bad-scores-1e308.csv', ':2: column bonus:', /"1e308" is not a number of points/],
  ['scores', 'bad-scores-infinity.csv', ':2: column daily:', /"Infinity" is not a score/],
  ['units', 'bad-units-title-only.csv', ':1:', /no header row in the first 10 lines/],
  ['units', 'bad-empty.csv', ':', /^empty file: expected a header row$/],
  ['scores', 'bad-xlsx-really-csv.xlsx', ':', /^not an XLSX workbook/],
  ['scores', 'bad-xlsx-truncated.xlsx', ':', /^not an XLSX workbook/],
  ['responses', 'bad-xlsx-damaged.xlsx', ':', /^the workbook is damaged/],
  ['scores', 'bad-xlsx-named-csv.csv', ':', /^an XLSX workbook \(a zip file\), not CSV text: name it .xlsx$/],
  ['units', 'bad-units-utf16-no-bom.csv', ':1:', /^holds NUL bytes/],
];

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`awkward files on ${engine}`, () => {
    let t: TestDb;
    const cli = (...args: string[]) => runCli(t.env, args);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-awkward-'));
    beforeAll(async () => {
      t = await createTestDb(engine);
      expect((await cli('import', 'config', small('config.json'))).code).toBe(0);
      expect((await cli('import', 'units', small('units.csv'), '--assessment', A)).code).toBe(0);
    });
    afterAll(async () => {
      await t?.dispose();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    async function imported(kind: string, file: string): Promise<string> {
      const r = await cli('import', kind, file, '--assessment', A);
      expect(r.stderr, file).toBe('');
      expect(r.code, file).toBe(0);
      return r.stdout;
    }

    async function exported(): Promise<Record<string, string>[]> {
      const out = path.join(tmp, `export-${Date.now()}.csv`);
      expect((await cli('export', 'responses', '--assessment', A, '--out', out)).code).toBe(0);
      return parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { columns: true, bom: true });
    }
    const answers = (rows: Record<string, string>[], id: string) =>
      rows
        .filter((r) => r.response_id === id)
        .map((r) => [r.target_unit, r.item, r.value, r.duration_s, r.submitted_at, r.respondent_key]);

    async function cases(ids: string[]) {
      const box = secretBox(loadSecretKey(undefined, t.env.KAOPING_DATA_DIR!));
      const rows = await t.handle.db
        .selectFrom('phone_cases')
        .selectAll()
        .where('case_id', 'in', ids)
        .orderBy('case_id')
        .execute();
      return rows.map((r) => ({
        id: r.case_id,
        unit: r.unit_code,
        phone: r.phone_enc === null ? null : box.decrypt(r.phone_enc),
        hash: r.phone_hash,
        service: r.service,
        date: r.service_date,
        disposition: r.disposition,
        attempts: r.attempts === null ? null : Number(r.attempts),
      }));
    }

    async function scores() {
      const rows = await t.handle.db
        .selectFrom('performance_scores')
        .select(['unit_code', 'daily', 'bonus'])
        .where('assessment_id', '=', A)
        .orderBy('unit_code')
        .execute();
      return rows.map((r) => [
        r.unit_code,
        r.daily === null ? null : Number(r.daily),
        r.bonus === null ? null : Number(r.bonus),
      ]);
    }

    it('reads a GB18030 CSV saved by LibreOffice: title rows, 序号, Chinese headers, full-width digits, DK spellings', async () => {
      expect(await imported('responses', awkward('responses-gbk.csv'))).toMatch(/\(read as GB18030\)/);
      const rows = await exported();
      expect(answers(rows, 'g1')).toEqual([
        ['A', 'S1', '4', '120', '2024-10-01 10:00:00', 'k1'],
        ['A', 'S2', 'DK', '120', '2024-10-01 10:00:00', 'k1'],
        ['A', 'C1', '排队时间长，希望改进 ＡＢＣ', '120', '2024-10-01 10:00:00', 'k1'],
      ]);
      expect(answers(rows, 'g2')).toEqual([
        ['B', 'S1', 'DK', '120', '2024-10-02T09:30:00+08:00', ''],
        ['B', 'S2', '5', '120', '2024-10-02T09:30:00+08:00', ''],
      ]);
    });

    it('reads Excel\'s "Unicode text" (UTF-16 LE, tab-separated)', async () => {
      expect(await imported('responses', awkward('responses-utf16.txt'))).toMatch(/\(read as UTF-16LE\)/);
      expect(answers(await exported(), 'u1')).toEqual([
        ['C', 'S1', '3', '95', '2024-10-03 08:15', 'k9'],
        ['C', 'C1', '态度好, 效率高', '95', '2024-10-03 08:15', 'k9'],
      ]);
    });

    it('reads XLSX date-time and time cells as wall-clock time in Asia/Shanghai and seconds; a formula by its cached value', async () => {
      await imported('responses', awkward('responses-dates.xlsx'));
      const rows = await exported();
      expect(answers(rows, 'x1')).toEqual([
        ['A', 'S1', '5', '120', '2024-10-01 10:00:00', 'k5'],
        ['A', 'S2', '4', '120', '2024-10-01 10:00:00', 'k5'],
      ]);
      expect(answers(rows, 'x2')).toEqual([['B', 'S1', '4', '45', '2024-10-02 23:59:30', '']]);
      // the instant itself: 10:00 in Shanghai is 02:00 UTC, whatever the machine's zone
      const instants = new Map<string, number>();
      for (const b of await t.handle.db.selectFrom('response_blocks').select('data').execute()) {
        const d = decodeBlock(b.data);
        d.responseIds.forEach((id, i) => instants.set(id, d.submittedMs[i]!));
      }
      expect(instants.get('x1')).toBe(Date.UTC(2024, 9, 1, 2, 0, 0));
      expect(instants.get('x2')).toBe(Date.UTC(2024, 9, 2, 15, 59, 30));
      expect(instants.get('g1')).toBe(Date.UTC(2024, 9, 1, 2, 0, 0));
      expect(instants.get('g2')).toBe(Date.UTC(2024, 9, 2, 1, 30, 0));
    });

    it('reads full-width scores with trailing commas, and the first tab in workbook order', async () => {
      await imported('scores', awkward('scores-fullwidth.csv'));
      expect(await scores()).toEqual([
        ['A', 92.5, 1],
        ['B', 85, null],
      ]);
      await imported('scores', awkward('scores-second-tab.xlsx'));
      expect(await scores()).toEqual([
        ['A', 70, 1.5],
        ['B', 71, null],
        ['C', 72.25, 0],
      ]);
    });

    it('reads a disposition whose trailing zero Excel dropped (2.10 → 2.1) as that code', async () => {
      await imported('cases', awkward('cases-excel-2.10.xlsx'));
      const [row] = await cases(['e1']);
      expect(row).toMatchObject({ id: 'e1', disposition: '2.1', phone: '13800138000', attempts: 1 });
    });

    it('stores phone numbers in one normal form, so the same number hashes the same from every file', async () => {
      expect(await imported('cases', awkward('cases-gbk.csv'))).toMatch(/\(read as GB18030\)/);
      await imported('cases', awkward('cases-excel.xlsx'));
      const rows = await cases(['e1', 'e2', 'e3', 'e4', 'g1', 'g2']);
      expect(rows.map(({ hash: _, ...r }) => r)).toEqual([
        {
          id: 'e1',
          unit: 'A',
          phone: '13800138000',
          service: '营业执照',
          date: '2024-09-01',
          disposition: '1.1',
          attempts: 1,
        },
        {
          id: 'e2',
          unit: 'B',
          phone: '13900139000',
          service: '社保',
          date: '2024-09-02',
          disposition: '3.13',
          attempts: 3,
        },
        {
          id: 'e3',
          unit: 'C',
          phone: '010-65123456-8',
          service: '户籍',
          date: '2024-09-03',
          disposition: '4.31',
          attempts: 0,
        },
        {
          id: 'e4',
          unit: 'A',
          phone: '0512-65221234',
          service: null,
          date: null,
          disposition: null,
          attempts: null,
        },
        {
          id: 'g1',
          unit: 'A',
          phone: '13800138000',
          service: '营业执照　变更',
          date: '2024-09-01',
          disposition: '1.1',
          attempts: 1,
        },
        {
          id: 'g2',
          unit: 'B',
          phone: '0512-65221234-123',
          service: '社保',
          date: '2024-09-02',
          disposition: '2.112',
          attempts: 2,
        },
      ]);
      expect(rows[0]!.hash).toBe(rows[4]!.hash);
      expect(rows[3]!.hash).not.toBe(rows[5]!.hash);
    });

    it.each(REFUSED)('refuses %s %s with one line and changes nothing', async (kind, name, where, why) => {
      const file = awkward(name);
      const before = await tableCounts(t);
      const r = await cli('import', kind, file, '--assessment', A);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const prefix = `kaoping: ${file}${where} `;
      expect(r.stderr.startsWith(prefix), r.stderr).toBe(true);
      expect(r.stderr.endsWith('\n')).toBe(true);
      // eslint-disable-next-line no-control-regex -- no control character may reach the line
      expect(r.stderr.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(r.stderr.slice(prefix.length, -1)).toMatch(why);
      expect(await tableCounts(t)).toEqual(before);
    });

    it('refuses a folder, a missing file and an unreadable one with one line naming it', async () => {
      const before = await tableCounts(t);
      const folder = path.join(FIXTURES, 'awkward');
      const r = await cli('import', 'units', folder, '--assessment', A);
      expect([r.code, r.stderr]).toEqual([1, `kaoping: ${folder}: a folder, not a file\n`]);
      const missing = path.join(tmp, 'nowhere.csv');
      const m = await cli('import', 'responses', missing, '--assessment', A);
      expect([m.code, m.stderr]).toEqual([1, `kaoping: ${missing}: no such file\n`]);
      const dir = path.join(tmp, 'units.xlsx');
      fs.mkdirSync(dir);
      const x = await cli('import', 'units', dir, '--assessment', A);
      expect([x.code, x.stderr]).toEqual([1, `kaoping: ${dir}: a folder, not a file\n`]);
      expect(await tableCounts(t)).toEqual(before);
    });

    it.skipIf(process.getuid?.() === 0)('refuses a file without read permission', async () => {
      const file = path.join(tmp, 'locked.csv');
      fs.writeFileSync(file, 'code,name,category\n');
      fs.chmodSync(file, 0);
      const r = await cli('import', 'units', file, '--assessment', A);
      expect([r.code, r.stderr]).toEqual([
        1,
        `kaoping: ${file}: permission denied (the file cannot be read)\n`,
      ]);
    });

    it('echoes a long or control-laden value safely, cut to 60 characters, on one line', async () => {
      const file = path.join(tmp, 'scores-nul.csv');
      fs.writeFileSync(file, `unit_code,daily,bonus\n"A\u001b\r${'x'.repeat(200)}",1,\n`);
      const r = await cli('import', 'scores', file, '--assessment', A);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(r.stderr).toContain(`column unit_code: unknown agency "A\\u001b\\r${'x'.repeat(57)}…"`);
    });
  });
}
