/**
 * End to end: the small fixture imported and analysed through the CLI on both engines, checked
 * against values computed by hand from SPEC §5 (see the comments).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { FIXTURES, runCli } from './support/cli.js';

const small = (f: string) => path.join(FIXTURES, 'small', f);

function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text, { bom: true, columns: true });
}

const header = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')[0];
const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`analyze on ${engine}`, () => {
    let t: TestDb;
    let out: string;
    beforeAll(async () => {
      t = await createTestDb(engine);
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-analyze-'));
      await runCli(t.env, ['import', 'config', small('config.json')]);
      for (const kind of ['units', 'responses', 'cases', 'scores']) {
        const r = await runCli(t.env, ['import', kind, small(`${kind}.csv`), '--assessment', 't-2024']);
        expect(r.stderr).toBe('');
      }
      const r = await runCli(t.env, ['analyze', '--assessment', 't-2024', '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
    afterAll(async () => {
      await t?.dispose();
      fs.rmSync(out, { recursive: true, force: true });
    });

    it('writes every file with the headers of SPEC §4.6', () => {
      expect(header(path.join(out, 'response_validity.csv'))).toBe('response_id,valid,reasons');
      expect(header(path.join(out, 'unit_group_scores.csv'))).toBe(
        'unit_code,group,n_valid,n_used,score,sd,ci_low,ci_high,satisfaction_rate',
      );
      expect(header(path.join(out, 'item_scores.csv'))).toBe('unit_code,group,item,n,score');
      expect(header(path.join(out, 'unit_results.csv'))).toBe(
        'unit_code,unit_name,category,composite,ci_low,ci_high,composite_rate,rank_in_category,rank_overall,daily,bonus,total,grade',
      );
      expect(header(path.join(out, 'phone_rates.csv'))).toBe(
        'scope,I,P,R,NC,O,UH,UO,NE,e,RR1,RR2,RR3,RR4,RR5,RR6,COOP1,COOP2,COOP3,COOP4,REF1,REF2,REF3,CON1,CON2,CON3',
      );
      expect(header(path.join(out, 'summary.csv'))).toBe('metric,value');
      expect(header(path.join(out, 'unit_keywords.csv'))).toBe('unit_code,keyword,count,weight');
    });

    it('flags the later response of a repeated respondent as a duplicate', () => {
      const v = readCsv(path.join(out, 'response_validity.csv'));
      expect(v.map((r) => [r.response_id, r.valid, r.reasons])).toEqual([
        ['r1', '1', ''],
        ['r2', '1', ''],
        ['r3', '1', ''],
        ['r4', '0', 'duplicate'],
        ['m1', '1', ''],
        ['m2', '1', ''],
        ['f1', '1', ''],
      ]);
    });

    it('scores agencies per group as computed by hand', () => {
      const g = readCsv(path.join(out, 'unit_group_scores.csv'));
      const row = (u: string, grp: string) => g.find((r) => r.unit_code === u && r.group === grp)!;
      expect(g).toHaveLength(6); // 3 agencies × 2 agency groups; the firm group has no agency rows
      // A/service: r1 = (100+80)/2 = 90, r2 = 60 (DK dropped); r4 is a duplicate
      const a = row('A', 'service');
      expect([a.n_valid, a.n_used]).toEqual(['2', '2']);
      expect(num(a.score)).toBeCloseTo(75, 12);
      expect(num(a.sd)).toBeCloseTo(Math.sqrt(450), 12);
      expect(num(a.ci_low)).toBeCloseTo(75 - 12.706204736174707 * 15, 9);
      expect(num(a.satisfaction_rate)).toBe(1);
      // B/service: one response (40+20)/2 = 30; sd and CI need two
      const b = row('B', 'service');
      expect([num(b.score), b.sd, b.ci_low, num(b.satisfaction_rate)]).toEqual([30, '', '', 0]);
      // peer ratings of one's own agency are dropped: A's only peer rating is m2's 3 → 60
      expect(num(row('A', 'peer').score)).toBe(60);
      expect(num(row('C', 'peer').score)).toBe(90);
    });

    it('combines groups, ranks, totals and grades as computed by hand', () => {
      const res = readCsv(path.join(out, 'unit_results.csv'));
      const u = (c: string) => res.find((r) => r.unit_code === c)!;
      // A: only service reaches minN 2 → composite 75, CI ± 1.96·√(450/2)
      expect(num(u('A').composite)).toBeCloseTo(75, 12);
      expect(num(u('A').ci_high)).toBeCloseTo(75 + 1.959963985 * 15, 9);
      // total = (0.6·92 + 0.4·75)/1 + min(6, 5) = 90.2; 优秀 holds floor(0.3·2) = 0 in its category → 良好
      expect(num(u('A').total)).toBeCloseTo(90.2, 9);
      expect([u('A').rank_overall, u('A').rank_in_category, u('A').grade]).toEqual(['2', '1', '良好']);
      // B: no group qualifies → unranked; total = daily + bonus(0)
      expect([u('B').composite, u('B').rank_overall, num(u('B').total), u('B').bonus]).toEqual([
        '',
        '',
        85,
        '',
      ]);
      // C: peer only (90); no daily score → total = 90 + min(2, 5)
      expect([num(u('C').composite), u('C').rank_overall, num(u('C').total), u('C').daily]).toEqual([
        90,
        '1',
        92,
        '',
      ]);
    });

    it('computes AAPOR rates with the estimated e', () => {
      const p = readCsv(path.join(out, 'phone_rates.csv'));
      expect(p.map((r) => r.scope)).toEqual(['ALL', 'A', 'B', 'C']);
      const all = p[0]!;
      expect([all.I, all.R, all.UH, all.NE, all.P]).toEqual(['1', '1', '1', '1', '0']);
      expect(num(all.e)).toBeCloseTo(2 / 3, 12);
      expect(num(all.RR1)).toBeCloseTo(1 / 3, 12);
      expect(num(all.RR3)).toBeCloseTo(0.375, 12);
      // C has only a non-eligible case: every denominator is zero → empty cells
      expect(p[3]!.RR1).toBe('');
    });

    it('summarises the assessment', () => {
      const s = new Map(readCsv(path.join(out, 'summary.csv')).map((r) => [r.metric!, r.value!]));
      expect(Object.fromEntries(s)).toMatchObject({
        responses_total: '7',
        responses_valid: '6',
        valid_phone: '2',
        valid_intercept: '1',
        valid_online: '1',
        valid_peer: '2',
        units_surveyed: '3',
        firm_satisfaction_rate: '1',
      });
      expect(num(s.get('overall_composite_mean'))).toBeCloseTo(82.5, 12);
      expect(num(s.get('overall_satisfaction_rate'))).toBeCloseTo(7 / 9, 12);
    });

    it('finds the complaint keywords of an agency', () => {
      const k = readCsv(path.join(out, 'unit_keywords.csv'));
      expect(k.filter((r) => r.unit_code === 'A').map((r) => r.keyword)).toContain('排队');
    });

    it('writes the same files, byte for byte, when asked for two threads', async () => {
      const out2 = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-analyze-'));
      try {
        const r = await runCli(t.env, ['analyze', '--assessment', 't-2024', '--out', out2, '--threads', '2']);
        expect(r.stderr).toBe('');
        const files = fs.readdirSync(out).sort();
        expect(fs.readdirSync(out2).sort()).toEqual(files);
        for (const f of files)
          expect(fs.readFileSync(path.join(out2, f)), f).toEqual(fs.readFileSync(path.join(out, f)));
      } finally {
        fs.rmSync(out2, { recursive: true, force: true });
      }
    });

    it('refuses a thread count below one and writes nothing', async () => {
      const out3 = path.join(os.tmpdir(), `kaoping-analyze-none-${process.pid}`);
      const r = await runCli(t.env, ['analyze', '--assessment', 't-2024', '--out', out3, '--threads', '0']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/--threads: expected an integer ≥ 1/);
      expect(fs.existsSync(out3)).toBe(false);
    });
  });
}
