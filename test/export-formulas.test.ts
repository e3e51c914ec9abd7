/**
 * SPEC §6 formula neutralisation: free text starting with = + - @ tab or CR gets a leading
 * apostrophe in every CSV and XLSX export (long and wide), and the importers remove it, so
 * export → import into a fresh assessment gives back exactly the stored texts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { FIXTURES, runCli } from './support/cli.js';
import { readCsv } from './support/pspp.js';

const small = (f: string) => path.join(FIXTURES, 'small', f);
const FORMULA = /^[=+\-@\t\r]/;
/** Text answers that a spreadsheet would run, or that look like one after an apostrophe. */
const PAYLOADS = [
  '=HYPERLINK("http://evil.example","点我")',
  '+86 138 0000 0000',
  '-2+3',
  '@SUM(A1:A9)',
  '\t制表符开头',
  '\r回车开头',
  "'普通的撇号开头", // an apostrophe before anything else is data, kept as typed
  '=1+1, "带逗号和引号"',
  '<script>alert(1)</script>',
];
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function xlsxCells(file: string): Promise<ExcelJS.Cell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cells: ExcelJS.Cell[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(c))));
  return cells;
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`formula neutralisation on ${engine}`, () => {
    let t: TestDb;
    let tmp: string;
    let fresh = 0;
    const cli = (...args: string[]) => runCli(t.env, args);
    const texts = async (assessment: string) =>
      (
        await t.handle.db
          .selectFrom('comments')
          .select(['response_id', 'target_unit', 'item', 'text'])
          .where('assessment_id', '=', assessment)
          .orderBy('response_id')
          .execute()
      ).map((c) => `${c.response_id}|${c.target_unit}|${c.item}|${c.text}`);
    /** A new assessment with the same configuration and agencies. */
    const freshAssessment = async (): Promise<string> => {
      const id = `t-fresh-${++fresh}`;
      const config = { ...JSON.parse(fs.readFileSync(small('config.json'), 'utf8')), id } as object;
      fs.writeFileSync(path.join(tmp, `${id}.json`), JSON.stringify(config));
      expect((await cli('import', 'config', path.join(tmp, `${id}.json`))).stderr).toBe('');
      expect((await cli('import', 'units', small('units.csv'), '--assessment', id)).stderr).toBe('');
      return id;
    };

    beforeAll(async () => {
      t = await createTestDb(engine);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-formulas-'));
      await cli('import', 'config', small('config.json'));
      await cli('import', 'units', small('units.csv'), '--assessment', 't-2024');
      const rows = PAYLOADS.flatMap((text, i) =>
        [
          [`x${i}`, 'phone', 'service', '', `kx${i}`, 'A', 'S1', '4', '120', ''],
          [`x${i}`, 'phone', 'service', '', `kx${i}`, 'A', 'S2', 'DK', '120', ''],
          [`x${i}`, 'phone', 'service', '', `kx${i}`, 'A', 'C1', text, '120', ''],
        ].map((r) => r.map(csvCell).join(',')),
      );
      fs.writeFileSync(
        path.join(tmp, 'in.csv'),
        fs.readFileSync(small('responses.csv'), 'utf8') + rows.join('\n') + '\n',
      );
      expect(
        (await cli('import', 'responses', path.join(tmp, 'in.csv'), '--assessment', 't-2024')).stderr,
      ).toBe('');
      // The importers trim text answers, so a leading tab or CR cannot arrive through them; put
      // those two into the store directly, so that the exporters meet them too.
      for (const [i, text] of PAYLOADS.entries()) {
        if (!/^[\t\r]/.test(text)) continue;
        await t.handle.db
          .updateTable('comments')
          .set({ text })
          .where('assessment_id', '=', 't-2024')
          .where('response_id', '=', `x${i}`)
          .execute();
      }
      const stored = await texts('t-2024');
      expect(stored.filter((s) => PAYLOADS.some((p) => s.endsWith(`|${p}`)))).toHaveLength(PAYLOADS.length);
    });
    afterAll(async () => {
      await t?.dispose();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    const exportTo = async (name: string, ...layout: string[]) => {
      const file = path.join(tmp, name);
      const r = await cli('export', 'responses', '--assessment', 't-2024', '--out', file, ...layout);
      expect(r.stderr).toBe('');
      return file;
    };

    it('no cell of the long or wide CSV starts a formula, numbers are not touched', async () => {
      for (const layout of ['long', 'wide']) {
        const file = await exportTo(`${layout}.csv`, '--layout', layout);
        const rows = readCsv(fs.readFileSync(file, 'utf8'), { bom: true });
        const cells = rows.flat();
        expect(cells.filter((c) => FORMULA.test(c))).toEqual([]);
        for (const p of PAYLOADS.filter((x) => FORMULA.test(x))) expect(cells).toContain(`'${p}`);
        expect(cells).toContain("'普通的撇号开头");
        // durations and ratings stay plain numbers
        const dur = rows[0]!.indexOf('duration_s');
        expect(rows.slice(1).every((r) => r[dur] === '' || /^\d+(\.\d+)?$/.test(r[dur]!))).toBe(true);
      }
    });

    it('no XLSX cell (wide or long) is a formula or starts with a formula character', async () => {
      for (const layout of ['wide', 'long']) {
        const cells = await xlsxCells(await exportTo(`${layout}.xlsx`, '--layout', layout));
        expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
        const strings = cells.map((c) => c.value).filter((v): v is string => typeof v === 'string');
        expect(strings.filter((s) => FORMULA.test(s))).toEqual([]);
        for (const p of PAYLOADS.filter((x) => FORMULA.test(x))) expect(strings).toContain(`'${p}`);
        expect(cells.some((c) => typeof c.value === 'number')).toBe(true);
      }
    });

    it('the long CSV and the long XLSX import into a fresh assessment with identical texts', async () => {
      // identical, but for the surrounding white space that every import trims
      const stored = (await texts('t-2024')).map((s) => s.replace(/\|C1\|[\t\r]/, '|C1|'));
      for (const name of ['long.csv', 'long.xlsx']) {
        const file = await exportTo(name, '--layout', 'long');
        const id = await freshAssessment();
        const r = await cli('import', 'responses', file, '--assessment', id);
        expect(r.stderr).toBe('');
        expect(await texts(id)).toEqual(stored);
      }
    });
  });
}
