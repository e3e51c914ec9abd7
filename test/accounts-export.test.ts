import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { FIXTURES, lastWord, runCli } from './support/cli.js';
import { hashApiKey, verifyPassword } from '../src/services/accounts/accounts.js';

const small = (f: string) => path.join(FIXTURES, 'small', f);

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`accounts and export on ${engine}`, () => {
    let t: TestDb;
    let tmp: string;
    const cli = (...args: string[]) => runCli(t.env, args);
    beforeAll(async () => {
      t = await createTestDb(engine);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-export-'));
      await cli('import', 'config', small('config.json'));
      await cli('import', 'units', small('units.csv'), '--assessment', 't-2024');
      // a comment that a spreadsheet would run as a formula
      const src =
        fs.readFileSync(small('responses.csv'), 'utf8') +
        'r5,phone,service,,k5,B,S1,4,100,\nr5,phone,service,,k5,B,S2,4,100,\nr5,phone,service,,k5,B,C1,"=HYPERLINK(""x"")",100,\n';
      fs.writeFileSync(path.join(tmp, 'in.csv'), src);
      expect(
        (await cli('import', 'responses', path.join(tmp, 'in.csv'), '--assessment', 't-2024')).stderr,
      ).toBe('');
    });
    afterAll(async () => {
      await t?.dispose();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('adds users with argon2id hashes and one-time passwords', async () => {
      const r = await cli('user', 'add', 'zhang.san', '--role', 'analyst');
      expect(r.code).toBe(0);
      const pw = lastWord(r.stdout);
      const row = await t.handle.db
        .selectFrom('users')
        .selectAll()
        .where('name', '=', 'zhang.san')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row.password_hash, pw)).toBe(true);
      expect(row.must_change_password).toBe(1);
      expect((await cli('user', 'add', 'viewer', '--role', 'agency')).stderr).toContain('--unit: required');
      expect((await cli('user', 'add', 'viewer', '--role', 'agency', '--unit', 'A')).code).toBe(0);
      expect((await cli('user', 'add', 'zhang.san', '--role', 'admin')).stderr).toContain('already exists');
      expect((await cli('user', 'add', 'x1', '--role', 'boss')).code).toBe(2);
    });

    it('creates API keys stored only as hashes', async () => {
      const r = await cli('apikey', 'create', '--role', 'analyst', '--assessment', 't-2024');
      const key = lastWord(r.stdout);
      expect(key).toMatch(/^kp_[A-Za-z0-9_-]{32}$/);
      const rows = await t.handle.db.selectFrom('api_keys').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.key_hash).toBe(hashApiKey(key));
      expect(JSON.stringify(rows)).not.toContain(key);
      expect((await cli('apikey', 'create', '--role', 'analyst', '--assessment', 'nope')).stderr).toContain(
        'does not exist',
      );
    });

    it('exports long CSV that imports again as the same responses, formulas neutralised', async () => {
      const file = path.join(tmp, 'out.csv');
      const r = await cli('export', 'responses', '--assessment', 't-2024', '--out', file);
      expect(r.stderr).toBe('');
      const text = fs.readFileSync(file, 'utf8');
      expect(
        text.startsWith(
          '\uFEFFresponse_id,channel,group,respondent_unit,respondent_key,target_unit,item,value,duration_s,submitted_at\n',
        ),
      ).toBe(true);
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);
      expect(text.trim().split('\n')).toHaveLength(1 + 15 + 3);
      const again = await cli('import', 'responses', file, '--assessment', 't-2024');
      expect(again.stdout).toContain('0 responses added, 8 already stored');
    });

    it('exports a wide XLSX: one row per response and agency, one column per item', async () => {
      const file = path.join(tmp, 'out.xlsx');
      expect((await cli('export', 'responses', '--assessment', 't-2024', '--out', file)).stderr).toBe('');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.worksheets[0]!;
      const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
      expect(rows[0]!.slice(1)).toEqual([
        'response_id',
        'channel',
        'group',
        'respondent_unit',
        'respondent_key',
        'target_unit',
        'duration_s',
        'submitted_at',
        'S1',
        'S2',
        'P1',
        'F1',
        'C1',
      ]);
      // r1..r5 one row each, m1 three agencies (self included as stored), m2 two, f1 one
      expect(rows).toHaveLength(1 + 5 + 3 + 2 + 1);
      const r2 = rows.find((x) => x[1] === 'r2')!;
      expect(r2.slice(9, 11)).toEqual([3, 'DK']);
    });

    it('refuses an unsupported export format without writing', async () => {
      const r = await cli('export', 'responses', '--assessment', 't-2024', '--out', path.join(tmp, 'x.pdf'));
      expect(r.code).not.toBe(0);
      expect(fs.existsSync(path.join(tmp, 'x.pdf'))).toBe(false);
    });
  });
}
