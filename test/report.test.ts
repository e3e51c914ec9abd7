/**
 * `kaoping report` on both engines: the numbers printed in each agency's .docx (read back out of
 * word/document.xml) equal unit_results.csv written by `kaoping analyze` from the same data,
 * formatted as the report prints them; each file names its agency; the overall report lists
 * every ranked agency; comments with script and formula payloads are printed as literal text,
 * phone numbers masked; generated files are recorded (countReportedUnits); a stale snapshot is
 * replaced by a fresh analysis. PDFs when LibreOffice is installed (SQLite run only: it is slow).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmt2, fmtCi } from '../src/core/report-model-text.js';
import { countReportedUnits, listReportFiles } from '../src/db/repos/report-files.js';
import { fmtRank } from '../src/reports/agency-docx.js';
import { JOB_KINDS } from '../src/services/jobs/kinds.js';
import { reportFile, reportFiles, reportsZip } from '../src/services/reports/downloads.js';
import { findSoffice } from '../src/services/reports/pdf.js';
import type { SessionPrincipal } from '../src/services/accounts/principal.js';
import { publishSnapshot } from '../src/services/results/snapshots.js';
import { createItems } from '../src/services/rectification/items.js';
import ExcelJS from 'exceljs';
import { runCli } from './support/cli.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { addResponse, analyzeCli, loadSmall, SMALL_ID, tempFile } from './support/results.js';

const SCRIPT = '<script>alert("x")</script>';
const FORMULA = '=HYPERLINK("http://evil.example","点我")';
const PHONE = '13800138000';

/** The text runs of a .docx body, XML entities decoded, and the raw XML. */
async function docxText(file: string | Buffer): Promise<{ runs: string[]; xml: string }> {
  const zip = await JSZip.loadAsync(typeof file === 'string' ? fs.readFileSync(file) : file);
  const xml = await zip.file('word/document.xml')!.async('string');
  const runs = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) =>
    m[1]!
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&'),
  );
  return { runs, xml };
}

/** The run after the first run exactly equal to label (a table's label cell → value cell). */
const after = (runs: string[], label: string) => runs[runs.indexOf(label) + 1];

const readCsv = (file: string) =>
  parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { bom: true, columns: true });
const numOrNull = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

/** Two valid phone responses for agency A whose comments carry payloads. */
async function addPayloadComments(t: TestDb): Promise<void> {
  const head =
    'response_id,channel,group,respondent_unit,respondent_key,target_unit,item,value,duration_s,submitted_at';
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const rows = [
    ['x1', `${SCRIPT} 请联系 ${PHONE}`],
    ['x2', FORMULA],
  ].flatMap(([id, text]) => [
    `${id},phone,service,,k-${id},A,S1,4,200,2024-10-02T10:00:00+08:00`,
    `${id},phone,service,,k-${id},A,S2,5,200,2024-10-02T10:00:00+08:00`,
    `${id},phone,service,,k-${id},A,C1,${q(text!)},200,2024-10-02T10:00:00+08:00`,
  ]);
  const file = tempFile('payloads.csv', [head, ...rows].join('\n'));
  const r = await runCli(t.env, ['import', 'responses', file, '--assessment', SMALL_ID]);
  expect(r.stderr).toBe('');
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`kaoping report on ${engine}`, () => {
    let t: TestDb;
    let csvDir: string;
    let outDir: string;
    let sid: number;
    const pdf = engine === 'sqlite' && findSoffice() !== null;

    beforeAll(async () => {
      t = await createTestDb(engine);
      csvDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-report-csv-'));
      outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-report-out-'));
      await loadSmall(t);
      await addPayloadComments(t);
      sid = await analyzeCli(t, csvDir, ['--bootstrap', '50']);
      // a stored rectification item: the agency's report lists it (services/rectification)
      const ctx = { handle: t.handle, now: () => new Date(), actor: 'test' };
      await createItems(ctx, SMALL_ID, { items: [{ unitCode: 'B', title: '缩短窗口排队时间' }] });
    });
    afterAll(async () => {
      await t?.dispose();
      for (const d of [csvDir, outDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
    });

    it('prints what unit_results.csv says, for every agency, from the current snapshot', async () => {
      const r = await runCli(t.env, [
        'report',
        '--assessment',
        SMALL_ID,
        '--out',
        outDir,
        ...(pdf ? [] : ['--no-pdf']),
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`using results snapshot ${sid} (current)`);
      const units = readCsv(path.join(csvDir, 'unit_results.csv'));
      expect(units.length).toBe(3);
      const rankedIn = (cat: string) =>
        units.filter((u) => u.category === cat && u.rank_in_category !== '').length;
      const ranked = units.filter((u) => u.rank_overall !== '').length;
      for (const u of units) {
        const { runs } = await docxText(path.join(outDir, 'agencies', `${u.unit_code}.docx`));
        const text = runs.join('');
        expect(runs, u.unit_code).toContain(u.unit_name);
        expect(after(runs, '综合满意度得分'), u.unit_code).toBe(fmt2(numOrNull(u.composite)));
        expect(after(runs, '95% 置信区间'), u.unit_code).toBe(
          fmtCi(numOrNull(u.ci_low), numOrNull(u.ci_high)),
        );
        expect(after(runs, '类别内排名'), u.unit_code).toBe(
          fmtRank(numOrNull(u.rank_in_category), rankedIn(u.category!)),
        );
        expect(after(runs, '全部单位排名'), u.unit_code).toBe(fmtRank(numOrNull(u.rank_overall), ranked));
        expect(after(runs, '总分'), u.unit_code).toBe(fmt2(numOrNull(u.total)));
        expect(after(runs, '等次'), u.unit_code).toBe(u.grade === '' ? '—' : u.grade);
        expect(text).toContain(`结果快照 ${sid}`);
      }
      const overall = (await docxText(path.join(outDir, 'overall.docx'))).runs;
      for (const u of units.filter((x) => x.rank_overall !== '')) {
        const at = overall.indexOf(u.unit_name!);
        expect(at, u.unit_code).toBeGreaterThan(0);
        expect(overall[at + 1]).toBe(fmt2(numOrNull(u.composite)));
      }
      expect(overall).toContain('目录');
      // the stored rectification item is in its agency's report and nowhere else
      expect((await docxText(path.join(outDir, 'agencies', 'B.docx'))).runs.join('')).toContain(
        '缩短窗口排队时间',
      );
      expect((await docxText(path.join(outDir, 'agencies', 'A.docx'))).runs.join('')).not.toContain(
        '缩短窗口排队时间',
      );
      // results.xlsx beside them: its 单位结果 sheet holds unit_results.csv's rows (row 1 Chinese,
      // row 2 the CSV's column names)
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path.join(outDir, 'results.xlsx'));
      const sheet = book.getWorksheet('单位结果')!;
      const header = (sheet.getRow(2).values as unknown[]).slice(1);
      expect(header).toEqual(Object.keys(units[0]!));
      const codes: unknown[] = [];
      sheet.eachRow((row, n) => {
        if (n > 2) codes.push(row.getCell(1).value);
      });
      expect(codes).toEqual(units.map((u) => u.unit_code));
    });

    it('prints script and formula payloads as literal text, phone numbers masked', async () => {
      const { runs, xml } = await docxText(path.join(outDir, 'agencies', 'A.docx'));
      const text = runs.join('\n');
      expect(text).toContain(SCRIPT);
      expect(text).toContain(FORMULA);
      expect(xml).not.toContain('<script');
      expect(xml).toContain('&lt;script&gt;');
      expect(text).not.toContain(PHONE);
      expect(text).toContain('138******00');
      // the report's own XML stays well-formed around them: every run opens and closes
      expect(xml.match(/<w:t[ >]/g)?.length).toBe(xml.match(/<\/w:t>/g)?.length);
    });

    it('records every generated file; agencies with a report are counted', async () => {
      const db = t.handle.db;
      expect(await countReportedUnits(db, SMALL_ID)).toBe(3);
      const files = await listReportFiles(db, SMALL_ID);
      expect(files[0]).toMatchObject({
        unitCode: null,
        kind: 'docx',
        fileName: 'overall.docx',
        snapshotId: sid,
      });
      expect(files.filter((f) => f.kind === 'docx').map((f) => f.unitCode)).toEqual([null, 'A', 'B', 'C']);
      const docx = fs.statSync(path.join(outDir, 'agencies', 'A.docx')).size;
      expect(files.find((f) => f.unitCode === 'A' && f.kind === 'docx')?.sizeBytes).toBe(docx);
      if (pdf) {
        expect(fs.existsSync(path.join(outDir, 'agencies', 'A.pdf'))).toBe(true);
        expect(fs.existsSync(path.join(outDir, 'overall.pdf'))).toBe(true);
        expect(files.filter((f) => f.kind === 'pdf')).toHaveLength(4);
      }
    });

    it('runs the analysis first when the latest snapshot is stale, and replaces the files', async () => {
      await addResponse(t, 'late-r');
      const out2 = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-report-out2-'));
      try {
        const r = await runCli(t.env, ['report', '--assessment', SMALL_ID, '--out', out2, '--no-pdf']);
        expect(r.stderr).toBe('');
        const m = /ran the analysis and stored snapshot (\d+)/.exec(r.stdout);
        expect(m, r.stdout).not.toBeNull();
        expect(Number(m![1])).toBeGreaterThan(sid);
        const files = await listReportFiles(t.handle.db, SMALL_ID);
        const docx = files.filter((f) => f.kind === 'docx');
        expect(docx).toHaveLength(4);
        expect(new Set(docx.map((f) => f.snapshotId))).toEqual(new Set([Number(m![1])]));
        expect(await countReportedUnits(t.handle.db, SMALL_ID)).toBe(3);
      } finally {
        fs.rmSync(out2, { recursive: true, force: true });
      }
    });

    it('runs as a job with progress; the files download one by one and as a zip', async () => {
      const fractions: number[] = [];
      const ctx = { handle: t.handle, now: () => new Date(), actor: 'test' };
      const result = await JOB_KINDS.report.run(
        { ...ctx, jobId: 0, assessmentId: SMALL_ID, progress: (f) => fractions.push(f) },
        {},
      );
      expect(result.files).toBe(4);
      expect(fractions.at(-1)).toBe(1);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
      const files = await reportFiles(ctx, SMALL_ID);
      const one = await reportFile(ctx, SMALL_ID, files.find((f) => f.unitCode === 'B')!.id);
      expect((await docxText(one.data)).runs).toContain('市乙局');
      const zip = await JSZip.loadAsync(await reportsZip(ctx, SMALL_ID, ['docx']));
      expect(
        Object.keys(zip.files)
          .filter((n) => n.endsWith('.docx'))
          .sort(),
      ).toEqual(['agencies/A.docx', 'agencies/B.docx', 'agencies/C.docx', 'overall.docx']);
    });

    it("lets an agency viewer download its own agency's .docx once its snapshot is published", async () => {
      const ctx = { handle: t.handle, now: () => new Date(), actor: 'test' };
      const viewer = (unitCode: string): SessionPrincipal => ({
        kind: 'session',
        userId: 1,
        name: `viewer-${unitCode}`,
        role: 'agency',
        unitCode,
        mustChangePassword: false,
        sessionId: 'x',
        csrfToken: 'x',
        expiresAt: '2099-01-01T00:00:00Z',
      });
      const all = await reportFiles(ctx, SMALL_ID);
      const a = all.find((f) => f.unitCode === 'A' && f.kind === 'docx')!;
      const b = all.find((f) => f.unitCode === 'B' && f.kind === 'docx')!;
      expect(await reportFiles(ctx, SMALL_ID, viewer('A'))).toEqual([]);
      await expect(reportFile(ctx, SMALL_ID, a.id, viewer('A'))).rejects.toMatchObject({
        code: 'KP_EMBARGO',
      });
      await publishSnapshot(ctx, SMALL_ID, a.snapshotId);
      expect((await reportFiles(ctx, SMALL_ID, viewer('A'))).map((f) => f.id)).toEqual([a.id]);
      expect((await reportFile(ctx, SMALL_ID, a.id, viewer('A'))).data.length).toBe(a.sizeBytes);
      await expect(reportFile(ctx, SMALL_ID, b.id, viewer('A'))).rejects.toMatchObject({
        code: 'KP_FORBIDDEN',
      });
    });

    it('refuses an unknown assessment with one line and writes nothing', async () => {
      const out3 = path.join(os.tmpdir(), `kaoping-report-none-${process.pid}`);
      const r = await runCli(t.env, ['report', '--assessment', 'nope', '--out', out3]);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(fs.existsSync(out3)).toBe(false);
    });
  });
}
