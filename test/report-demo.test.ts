/**
 * `kaoping report` on the demo (89 agencies) on both engines: 90 Word files, each naming its
 * agency, whose composite, interval, ranks, rank interval, total and grade — read back out of
 * word/document.xml — equal unit_results.csv and rank_intervals.csv of `kaoping analyze` on the
 * same data, formatted as the report prints them; the overall report ranks every ranked agency.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmt2, fmtCi } from '../src/core/report-model-text.js';
import { fmtRank } from '../src/reports/agency-docx.js';
import { lastWord, runCli } from './support/cli.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';

const LONG = 300_000;

async function runs(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) =>
    m[1]!.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
  );
}
const after = (r: string[], label: string) => r[r.indexOf(label) + 1];
const readCsv = (file: string) =>
  parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { bom: true, columns: true });
const n = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`kaoping report on the demo, ${engine}`, () => {
    let t: TestDb;
    let dir: string;
    let id: string;

    beforeAll(async () => {
      t = await createTestDb(engine);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-report-demo-'));
      const demo = await runCli(t.env, ['demo']);
      expect(demo.stderr).toBe('');
      id = lastWord(demo.stdout);
      const a = await runCli(t.env, [
        'analyze',
        '--assessment',
        id,
        '--out',
        path.join(dir, 'csv'),
        '--bootstrap',
        '100',
      ]);
      expect(a.stderr).toBe('');
    }, LONG);
    afterAll(async () => {
      await t?.dispose();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it(
      'writes 90 files whose figures equal unit_results.csv and rank_intervals.csv',
      async () => {
        const out = path.join(dir, 'reports');
        const r = await runCli(t.env, ['report', '--assessment', id, '--out', out, '--no-pdf']);
        expect(r.stderr).toBe('');
        expect(r.stdout).toMatch(/using results snapshot \d+ \(current\)/);
        expect(r.stdout).toContain('wrote 90 Word files');
        const units = readCsv(path.join(dir, 'csv', 'unit_results.csv'));
        const intervals = new Map(
          readCsv(path.join(dir, 'csv', 'rank_intervals.csv')).map((x) => [x.unit_code, x]),
        );
        expect(units).toHaveLength(89);
        expect(fs.readdirSync(path.join(out, 'agencies')).filter((f) => f.endsWith('.docx'))).toHaveLength(
          89,
        );
        const ranked = units.filter((u) => u.rank_overall !== '').length;
        const inCategory = (c: string) =>
          units.filter((u) => u.category === c && u.rank_overall !== '').length;
        for (const u of units) {
          const text = await runs(path.join(out, 'agencies', `${u.unit_code}.docx`));
          const iv = intervals.get(u.unit_code);
          expect(text, u.unit_code).toContain(u.unit_name);
          expect(after(text, '综合满意度得分'), u.unit_code).toBe(fmt2(n(u.composite)));
          expect(after(text, '95% 置信区间'), u.unit_code).toBe(fmtCi(n(u.ci_low), n(u.ci_high)));
          expect(after(text, '类别内排名'), u.unit_code).toBe(
            fmtRank(n(u.rank_in_category), inCategory(u.category!)),
          );
          expect(after(text, '全部单位排名'), u.unit_code).toBe(fmtRank(n(u.rank_overall), ranked));
          expect(after(text, '名次区间'), u.unit_code).toBe(iv ? `${iv.rank_low}–${iv.rank_high}` : '—');
          expect(after(text, '总分'), u.unit_code).toBe(fmt2(n(u.total)));
          expect(after(text, '等次'), u.unit_code).toBe(u.grade || '—');
        }
        const overall = await runs(path.join(out, 'overall.docx'));
        for (const u of units.filter((x) => x.rank_overall !== '')) {
          const at = overall.indexOf(u.unit_name!);
          expect(at, u.unit_code).toBeGreaterThan(0);
          expect(overall[at - 1], u.unit_code).toBe(u.rank_in_category);
          expect(overall[at + 1], u.unit_code).toBe(fmt2(n(u.composite)));
        }
      },
      LONG,
    );
  });
}
