import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { FIXTURES, runCli } from './support/cli.js';

const small = (f: string) => path.join(FIXTURES, 'small', f);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-import-'));

async function counts(t: TestDb) {
  const db = t.handle.db;
  const n = async (
    table: 'responses' | 'units' | 'phone_cases' | 'performance_scores' | 'comments' | 'response_blocks',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    responses: await n('responses'),
    units: await n('units'),
    cases: await n('phone_cases'),
    scores: await n('performance_scores'),
    comments: await n('comments'),
    blocks: await n('response_blocks'),
  };
}

function variant(name: string, edit: (lines: string[]) => void): string {
  const lines = fs.readFileSync(small('responses.csv'), 'utf8').trimEnd().split('\n');
  edit(lines);
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`imports on ${engine}`, () => {
    let t: TestDb;
    const cli = (...args: string[]) => runCli(t.env, args);
    beforeAll(async () => {
      t = await createTestDb(engine);
    });
    afterAll(async () => t?.dispose());

    it('imports every file kind of SPEC §4 and prints the assessment id', async () => {
      const c = await cli('import', 'config', small('config.json'));
      expect(c.stderr).toBe('');
      expect(c.stdout.trim()).toBe('t-2024');
      for (const kind of ['units', 'responses', 'cases', 'scores']) {
        const r = await cli('import', kind, small(`${kind}.csv`), '--assessment', 't-2024');
        expect(r.stderr, kind).toBe('');
        expect(r.code, kind).toBe(0);
      }
      expect(await counts(t)).toMatchObject({ responses: 7, units: 3, cases: 5, scores: 3, comments: 1 });
      const list = await cli('assessments');
      expect(list.stdout).toBe('t-2024\t测试考评\t2024\n');
    });

    it('stores Chinese headers, flags and the has_window column', async () => {
      const units = await t.handle.db.selectFrom('units').selectAll().orderBy('position').execute();
      expect(units.map((u) => [u.code, u.name, u.category, u.has_window])).toEqual([
        ['A', '市甲局', '经济', 1],
        ['B', '市乙局', '经济', 0],
        ['C', '市丙局', '社会', 1],
      ]);
    });

    it('encrypts phone numbers at rest', async () => {
      const rows = await t.handle.db
        .selectFrom('phone_cases')
        .select(['phone_enc', 'disposition'])
        .orderBy('case_id')
        .execute();
      expect(rows[0]!.phone_enc).toMatch(/^v1:/);
      for (const r of rows) expect(r.phone_enc).not.toContain('1380000');
      expect(rows.map((r) => r.disposition)).toEqual(['1.1', '2.112', '3.13', null, '4.31']);
    });

    it('re-importing the same responses adds nothing', async () => {
      const before = await counts(t);
      const r = await cli('import', 'responses', small('responses.csv'), '--assessment', 't-2024');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('0 responses added, 7 already stored');
      expect(await counts(t)).toEqual(before);
    });

    it.each([
      [
        'rating out of range',
        (l: string[]) => (l[4] = l[4]!.replace(',3,90,', ',7,90,')),
        ':5: column value: "7" is not a rating 1..5',
      ],
      [
        'unknown agency',
        (l: string[]) => (l[6] = l[6]!.replace(',B,S1,', ',Z,S1,')),
        ':7: column target_unit: unknown agency "Z"',
      ],
      [
        'item not asked of group',
        (l: string[]) => (l[10] = l[10]!.replace(',P1,', ',S1,')),
        ':11: column item: item "S1" is not asked of group "peer"',
      ],
      [
        'channel not of group',
        (l: string[]) => (l[15] = l[15]!.replace('online,firm', 'phone,firm')),
        ':16: column channel: channel "phone" is not a channel of group "firm"',
      ],
      [
        'inconsistent response columns',
        (l: string[]) => (l[3] = l[3]!.replace(',120,', ',121,')),
        ':4: column duration_s: "121" differs from "120" on line 2',
      ],
      [
        'changed content of a stored response',
        (l: string[]) => (l[1] = l[1]!.replace(',S1,5,', ',S1,4,')),
        ':2: column response_id: response "r1" is already stored with different content',
      ],
      [
        'bad timestamp',
        (l: string[]) => l.push('r9,phone,service,,k9,A,S1,5,100,yesterday'),
        ':19: column submitted_at: "yesterday" is not a date-time on the calendar',
      ],
    ])('refuses a file with one bad row (%s) and changes nothing', async (name, edit, message) => {
      const before = await counts(t);
      const file = variant(`bad-${name.replace(/\W+/g, '-')}.csv`, (l) => {
        l.push(
          'new1,phone,service,,kn,C,S1,5,100,2024-10-05T10:00:00Z',
          'new1,phone,service,,kn,C,S2,5,100,2024-10-05T10:00:00Z',
        );
        edit(l);
      });
      const r = await cli('import', 'responses', file, '--assessment', 't-2024');
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`${file}${message}`);
      expect(await counts(t)).toEqual(before);
    });

    it('refuses unknown configuration keys and a missing column', async () => {
      const cfg = JSON.parse(fs.readFileSync(small('config.json'), 'utf8')) as Record<string, unknown>;
      cfg.colour = 'red';
      const f = path.join(tmp, 'bad-config.json');
      fs.writeFileSync(f, JSON.stringify(cfg));
      const r = await cli('import', 'config', f);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('colour');
      const noValue = path.join(tmp, 'no-value.csv');
      fs.writeFileSync(noValue, 'response_id,channel,group,target_unit,item\nx,phone,service,A,S1\n');
      const r2 = await cli('import', 'responses', noValue, '--assessment', 't-2024');
      expect(r2.stderr).toContain(`${noValue}:1: column value: missing column`);
    });

    it('reads the first sheet of an XLSX file with Chinese headers', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('绩效');
      ws.addRow(['单位编码', '日常履职', '优质履职']);
      ws.addRow(['A', 90.5, 1]);
      ws.addRow(['B', 70, null]);
      wb.addWorksheet('other').addRow(['ignored']);
      const f = path.join(tmp, 'scores.xlsx');
      await wb.xlsx.writeFile(f);
      const r = await cli('import', 'scores', f, '--assessment', 't-2024');
      expect(r.stderr).toBe('');
      const rows = await t.handle.db
        .selectFrom('performance_scores')
        .selectAll()
        .orderBy('unit_code')
        .execute();
      expect(rows.map((s) => [s.unit_code, s.daily, s.bonus])).toEqual([
        ['A', 90.5, 1],
        ['B', 70, null],
        ['C', null, 2],
      ]);
    });

    it('backs up and restores every table', async () => {
      const before = await counts(t);
      const file = path.join(tmp, `backup-${engine}.jsonl.gz`);
      expect((await cli('backup', file)).code).toBe(0);
      await t.handle.db.deleteFrom('assessments').execute();
      expect((await counts(t)).responses).toBe(0);
      const r = await cli('restore', file);
      expect(r.stderr).toBe('');
      expect(await counts(t)).toEqual(before);
      const again = await cli('import', 'responses', small('responses.csv'), '--assessment', 't-2024');
      expect(again.stdout).toContain('0 responses added');
    });
  });
}
