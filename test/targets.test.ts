/**
 * Performance targets end to end on both engines: the seed form imported from JSON and from its
 * own Excel layout, exported again and compared field by field; bad files refused naming the
 * field or cell, changing nothing; analyze's targets.csv against its summary.csv; the
 * self-evaluation exports opened and read back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { FIXTURES, runCli } from './support/cli.js';
import { loadSmall, SMALL_ID, small } from './support/results.js';
import {
  judgeIndicator,
  recordExpenditure,
  removeExpenditure,
  targetsView,
} from '../src/services/targets/targets.js';

const FIXTURE = path.join(FIXTURES, 'suzhou-2021-targets.json');
const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
const OTHER = 't-2024-copy';

const readJson = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8')) as unknown;
const csvRows = (f: string) =>
  parse<Record<string, string>>(fs.readFileSync(f, 'utf8'), { bom: true, columns: true });

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`targets on ${engine}`, () => {
    let t: TestDb;
    let dir: string;
    const ctx = () => ({ handle: t.handle, actor: 'test', now: () => new Date('2021-12-01T00:00:00Z') });
    const cli = async (args: string[]) => {
      const r = await runCli(t.env, args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code).toBe(0);
      return r.stdout;
    };
    const fails = async (args: string[]) => {
      const r = await runCli(t.env, args);
      expect(r.code).not.toBe(0);
      return r.stderr;
    };
    const sheetRow = () =>
      t.handle.db
        .selectFrom('target_sheets')
        .selectAll()
        .where('assessment_id', '=', SMALL_ID)
        .executeTakeFirst();

    beforeAll(async () => {
      t = await createTestDb(engine);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-targets-'));
      await loadSmall(t);
      const config = JSON.parse(fs.readFileSync(small('config.json'), 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ ...config, id: OTHER }));
      await cli(['import', 'config', path.join(dir, 'other.json')]);
    });
    afterAll(async () => {
      await t?.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('imports the seed form from JSON and exports the same JSON', async () => {
      const out = await cli(['import', 'targets', FIXTURE, '--assessment', SMALL_ID]);
      expect(out).toContain('13 indicators (9 bound to live figures)');
      await cli(['export', 'targets', '--assessment', SMALL_ID, '--out', path.join(dir, 'a.json')]);
      expect(readJson(path.join(dir, 'a.json'))).toEqual(fixture);
    });

    it('round-trips JSON → xlsx → another assessment → JSON, field by field', async () => {
      const xlsx = path.join(dir, 'form.xlsx');
      await cli(['export', 'targets', '--assessment', SMALL_ID, '--out', xlsx]);
      await cli(['import', 'targets', xlsx, '--assessment', OTHER]);
      await cli(['export', 'targets', '--assessment', OTHER, '--out', path.join(dir, 'b.json')]);
      expect(readJson(path.join(dir, 'b.json'))).toEqual(fixture);
      // the form reads as the seed prints it
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const ws = wb.getWorksheet('绩效目标申报表')!;
      expect(ws.getCell('A1').value).toBe('苏州市级财政支出项目绩效目标申报表');
      expect(ws.getCell('B2').value).toBe('001277001277');
      // a leading "=" is neutralised in the file and restored on import
      const texts: unknown[] = [];
      ws.eachRow((row) => texts.push(row.getCell(6).value));
      expect(texts).toContain("'=500人次");
    });

    it('round-trips expenditures and configured weights through xlsx', async () => {
      const rich = {
        ...fixture,
        weights: { budget: 20, outputs: 40, effects: 30, satisfaction: 10 },
        expenditures: [
          { date: '2021-04-01', subProject: '绩效管理工作调查', amount: 2.5, note: '=首期' },
          { date: '2021-05-01', subProject: '', amount: 1, note: '' },
        ],
      };
      fs.writeFileSync(path.join(dir, 'rich.json'), JSON.stringify(rich));
      await cli(['import', 'targets', path.join(dir, 'rich.json'), '--assessment', OTHER]);
      await cli(['export', 'targets', '--assessment', OTHER, '--out', path.join(dir, 'rich.xlsx')]);
      await cli(['import', 'targets', path.join(dir, 'rich.xlsx'), '--assessment', OTHER]);
      await cli(['export', 'targets', '--assessment', OTHER, '--out', path.join(dir, 'rich-back.json')]);
      expect(readJson(path.join(dir, 'rich-back.json'))).toEqual(rich);
    });

    it('refuses a bad JSON sheet naming the field, and changes nothing', async () => {
      const before = await sheetRow();
      const bad = structuredClone(fixture) as { indicators: Record<string, unknown>[] };
      bad.indicators[3]!.colour = 'red';
      fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
      expect(
        await fails(['import', 'targets', path.join(dir, 'bad.json'), '--assessment', SMALL_ID]),
      ).toMatch(/bad\.json: indicators\.3: Unrecognized key: "colour"/);
      bad.indicators[3]!.colour = undefined;
      bad.indicators[6]!.target = 'many';
      fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
      expect(
        await fails(['import', 'targets', path.join(dir, 'bad.json'), '--assessment', SMALL_ID]),
      ).toContain('indicators.6.target');
      expect(await sheetRow()).toEqual(before);
    });

    it('refuses a bad xlsx form naming the cell', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, 'form.xlsx'));
      const ws = wb.getWorksheet('绩效目标申报表')!;
      let row = 0;
      ws.eachRow((r, n) => {
        if (r.getCell(4).value === '电话回访人次') row = n;
      });
      ws.getCell(row, 5).value = '>>';
      await wb.xlsx.writeFile(path.join(dir, 'bad-op.xlsx'));
      expect(
        await fails(['import', 'targets', path.join(dir, 'bad-op.xlsx'), '--assessment', SMALL_ID]),
      ).toContain(`cell 绩效目标申报表!E${row}: 指标性质 ">>"`);
      ws.getCell(row, 5).value = '=';
      ws.getCell(row, 7).value = '';
      await wb.xlsx.writeFile(path.join(dir, 'bad-target.xlsx'));
      expect(
        await fails(['import', 'targets', path.join(dir, 'bad-target.xlsx'), '--assessment', SMALL_ID]),
      ).toContain(`cell 绩效目标申报表!G${row} (indicators.8.target)`);
    });

    it('records expenditures and judgements, and the live view follows them', async () => {
      const id = await recordExpenditure(ctx(), SMALL_ID, {
        date: '2021-06-01',
        subProject: '绩效管理工作调查',
        amount: 9.5,
      });
      await expect(
        recordExpenditure(ctx(), SMALL_ID, { date: '2021-06-01', subProject: '无', amount: 1 }),
      ).rejects.toThrow(/unknown sub-project/);
      await expect(
        judgeIndicator(ctx(), SMALL_ID, '财务制度健全性', { achieved: true, reason: '' }),
      ).rejects.toThrow(/score/);
      await judgeIndicator(ctx(), SMALL_ID, '财务制度健全性', {
        achieved: true,
        score: 0.9,
        actualText: '健全',
        reason: '制度健全，个别条款待更新',
      });
      const v = await targetsView(ctx(), SMALL_ID);
      expect(v.live.budget_execution_rate).toBeCloseTo(0.5, 12);
      const fin = v.evaluation.indicators.find((i) => i.name === '财务制度健全性')!;
      expect(fin.score).toBeCloseTo(2 * 0.9, 12);
      const extra = await recordExpenditure(ctx(), SMALL_ID, { date: '2021-07-01', amount: 1 });
      await removeExpenditure(ctx(), SMALL_ID, extra);
      await expect(removeExpenditure(ctx(), SMALL_ID, extra)).rejects.toThrow(/does not exist/);
      expect((await targetsView(ctx(), SMALL_ID)).expenditures.map((e) => e.id)).toEqual([id]);
    });

    it('analyze writes targets.csv with the actuals of its summary.csv', async () => {
      const out = path.join(dir, 'results');
      await cli(['analyze', '--assessment', SMALL_ID, '--out', out, '--bootstrap', '0']);
      const text = fs.readFileSync(path.join(out, 'targets.csv'), 'utf8');
      expect(text.replace(/^\uFEFF/, '').split('\n')[0]).toBe(
        'indicator,level1,level2,operator,target,unit,actual,achieved,score',
      );
      const summary = new Map(csvRows(path.join(out, 'summary.csv')).map((r) => [r.metric!, r.value!]));
      const rows = new Map(csvRows(path.join(out, 'targets.csv')).map((r) => [r.indicator!, r]));
      expect(rows.size).toBe(13);
      const bound: [string, string][] = [
        ['电话回访人次', 'valid_phone'],
        ['随机截访人次', 'valid_intercept'],
        ['网络调查人次', 'valid_online'],
        ['数据分析人次', 'responses_valid'],
        ['调查单位数', 'units_surveyed'],
        ['提升满意度', 'overall_satisfaction_rate'],
        ['完善考核机制', 'firm_satisfaction_rate'],
      ];
      for (const [name, metric] of bound) {
        const r = rows.get(name)!;
        expect(Number(r.actual), name).toBe(Number(summary.get(metric)));
        const target = Number(r.target);
        const actual = Number(r.actual);
        expect(r.achieved, name).toBe(actual >= target ? '1' : '0');
      }
      const phone = rows.get('电话回访人次')!;
      // the operator is a code, written as is; free text stays neutralised
      expect(phone.operator).toBe('=');
      expect(Number(phone.score)).toBeCloseTo((50 / 7) * Math.min(Number(phone.actual) / 4450, 1), 12);
      expect(rows.get('预算执行率')).toMatchObject({ target: '1', unit: '%', actual: '0.5', achieved: '0' });
      // no Word report generated yet: no agency reported
      expect(rows.get('结果运用')).toMatchObject({ actual: '0', achieved: '0', score: '0' });
      expect(rows.get('财务制度健全性')).toMatchObject({
        operator: 'qualitative',
        target: '健全',
        actual: '健全',
      });
      expect(rows.get('资金使用合规性')).toMatchObject({ target: '合规', actual: '', score: '' });
      // an assessment without a sheet writes no targets.csv
      const none = path.join(dir, 'none');
      await t.handle.db.deleteFrom('target_sheets').where('assessment_id', '=', OTHER).execute();
      await cli(['analyze', '--assessment', OTHER, '--out', none, '--bootstrap', '0']);
      expect(fs.existsSync(path.join(none, 'targets.csv'))).toBe(false);
    });

    it('exports the self-evaluation as Excel and Word, equal to the live view', async () => {
      const v = await targetsView(ctx(), SMALL_ID);
      const xlsx = path.join(dir, 'eval.xlsx');
      await cli(['export', 'self-evaluation', '--assessment', SMALL_ID, '--out', xlsx]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const ws = wb.getWorksheet('绩效自评表')!;
      expect(ws.getCell('A1').value).toBe('项目支出绩效自评表（2021年度）');
      const last = ws.getRow(ws.rowCount);
      expect(last.getCell(7).value).toBeCloseTo(v.evaluation.total, 12);
      expect(last.getCell(8).value).toBe(`自评等级：${v.evaluation.grade}`);
      const docx = path.join(dir, 'eval.docx');
      await cli(['export', 'self-evaluation', '--assessment', SMALL_ID, '--out', docx]);
      const zip = await JSZip.loadAsync(fs.readFileSync(docx));
      const xml = await zip.file('word/document.xml')!.async('string');
      expect(xml).toContain('项目支出绩效自评表（2021年度）');
      expect(xml).toContain(v.evaluation.total.toFixed(2));
      expect(xml).toContain('偏差原因分析及改进措施');
      await cli(['export', 'targets', '--assessment', SMALL_ID, '--out', path.join(dir, 'form.docx')]);
      const form = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'form.docx')));
      expect(await form.file('word/document.xml')!.async('string')).toContain('统计调查工作经费');
      expect(
        await fails(['export', 'targets', '--assessment', SMALL_ID, '--out', path.join(dir, 'x.pdf')]),
      ).toContain('expected .json, .xlsx, .docx');
    });
  });
}
