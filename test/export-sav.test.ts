/**
 * `kaoping export responses --out FILE.sav`, read back by GNU PSPP: variable labels (the item
 * texts), value labels (the scale's Chinese labels), don't know as a user-missing 99 labelled
 * 不了解, text answers (formula payloads, commas, a very long string) as typed, every value.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { FIXTURES, runCli } from './support/cli.js';
import { havePspp, psppData, readCsv, psppDictionary, requirePspp } from './support/pspp.js';

requirePspp('SPSS export');
const small = (f: string) => path.join(FIXTURES, 'small', f);
const config = JSON.parse(fs.readFileSync(small('config.json'), 'utf8')) as {
  scale: { labels: Record<string, string> };
  items: { code: string; text: string; type: string }[];
};
const LONG_TEXT = '窗口服务需要改进，'.repeat(40); // 360 characters, 1,080 bytes: a very long string

/** Extra answer rows: formula payloads, a comma and quotes, a very long text. */
const EXTRA: string[][] = [
  ['r5', 'phone', 'service', '', 'k5', 'B', 'S1', '4', '100', ''],
  ['r5', 'phone', 'service', '', 'k5', 'B', 'S2', 'DK', '100', ''],
  ['r5', 'phone', 'service', '', 'k5', 'B', 'C1', '=HYPERLINK("http://x","点我")', '100', ''],
  ['r6', 'phone', 'service', '', 'k6', 'C', 'S1', '1', '61.5', '2024-10-03T08:00:00+08:00'],
  ['r6', 'phone', 'service', '', 'k6', 'C', 'S2', '2', '61.5', '2024-10-03T08:00:00+08:00'],
  ['r6', 'phone', 'service', '', 'k6', 'C', 'C1', '+86 138, "急"', '61.5', '2024-10-03T08:00:00+08:00'],
  ['r7', 'intercept', 'service', '', '', 'A', 'S1', 'DK', '35', ''],
  ['r7', 'intercept', 'service', '', '', 'A', 'S2', '3', '35', ''],
  ['r7', 'intercept', 'service', '', '', 'A', 'C1', '-减号开头', '35', ''],
  ['r8', 'phone', 'service', '', 'k8', 'A', 'S1', '5', '300', ''],
  ['r8', 'phone', 'service', '', 'k8', 'A', 'S2', '5', '300', ''],
  ['r8', 'phone', 'service', '', 'k8', 'A', 'C1', '@SUM(A1)', '300', ''],
  ['r9', 'phone', 'service', '', 'k9', 'B', 'S1', '3', '80', ''],
  ['r9', 'phone', 'service', '', 'k9', 'B', 'S2', '4', '80', ''],
  ['r9', 'phone', 'service', '', 'k9', 'B', 'C1', LONG_TEXT, '80', ''],
];
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The source rows, as the test wrote them (not as the product read them). */
function sourceRows(): string[][] {
  const rows = readCsv(fs.readFileSync(small('responses.csv'), 'utf8'), { bom: true });
  return [...rows.slice(1), ...EXTRA];
}

/** What PSPP should print per (response, target), wide: level columns then S1 S2 P1 F1 C1. */
function expectedWide(): string[][] {
  const byKey = new Map<string, string[]>();
  const items = config.items.map((i) => i.code);
  for (const [rid, ch, grp, ru, key, target, item, value, dur, at] of sourceRows()) {
    const k = `${rid}|${target}`;
    let row = byKey.get(k);
    if (!row) {
      // pspp-convert prints a system-missing number as a blank
      row = [rid!, ch!, grp!, ru!, key!, target!, dur === '' ? ' ' : dur!, at!, ...items.map(() => ' ')];
      byKey.set(k, row);
    }
    const col = items.indexOf(item!);
    const text = config.items[col]!.type === 'text';
    row[8 + col] = text ? value! : value === 'DK' ? '99' : value!;
  }
  for (const row of byKey.values())
    config.items.forEach((it, c) => {
      if (it.type === 'text' && row[8 + c] === ' ') row[8 + c] = '';
    });
  return [...byKey.values()];
}

const byIdTarget = (a: string[], b: string[]) =>
  `${a[0]}|${a[5]}` < `${b[0]}|${b[5]}` ? -1 : `${a[0]}|${a[5]}` > `${b[0]}|${b[5]}` ? 1 : 0;

for (const engine of ENGINES) {
  describe.skipIf(!havePspp || !(await engineReachable(engine)))(`SPSS export on ${engine}`, () => {
    let t: TestDb;
    let tmp: string;
    const cli = (...args: string[]) => runCli(t.env, args);
    beforeAll(async () => {
      t = await createTestDb(engine);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-sav-'));
      await cli('import', 'config', small('config.json'));
      await cli('import', 'units', small('units.csv'), '--assessment', 't-2024');
      const src =
        fs.readFileSync(small('responses.csv'), 'utf8') +
        EXTRA.map((r) => r.map(csvCell).join(',')).join('\n') +
        '\n';
      fs.writeFileSync(path.join(tmp, 'in.csv'), src);
      const r = await cli('import', 'responses', path.join(tmp, 'in.csv'), '--assessment', 't-2024');
      expect(r.stderr).toBe('');
    });
    afterAll(async () => {
      await t?.dispose();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('writes a wide .sav whose labels, missing values and every value PSPP reads back', async () => {
      const file = path.join(tmp, 'wide.sav');
      const r = await cli('export', 'responses', '--assessment', 't-2024', '--out', file);
      expect(r.stderr).toBe('');
      const expected = expectedWide();
      expect(r.stdout).toContain(`wrote ${expected.length} cases`);

      const dict = psppDictionary(file);
      const vars = dict.get('Variables')!;
      const head = vars[0]!;
      const col = (name: string) => head.indexOf(name);
      const byName = new Map(vars.slice(1).map((v) => [v[col('Name')]!, v]));
      const names = [
        'response_id',
        'channel',
        'group',
        'respondent_unit',
        'respondent_key',
        'target_unit',
        'duration_s',
        'submitted_at',
        ...config.items.map((i) => i.code),
      ];
      expect(vars.slice(1).map((v) => v[col('Name')])).toEqual(names);
      for (const it of config.items) {
        const v = byName.get(it.code)!;
        expect(v[col('Label')]).toBe(it.text);
        if (it.type === 'rating') {
          expect(v[col('Missing Values')]).toBe('99');
          expect(v[col('Measurement Level')]).toBe('Ordinal');
        } else {
          expect(v[col('Print Format')]).toBe(`A${Buffer.byteLength(LONG_TEXT)}`);
        }
      }
      expect(byName.get('response_id')![col('Label')]).toBe('问卷编号');

      // value labels: per rating variable (PSPP names it by its label) 1..5 and 99 不了解
      const labels = dict
        .get('Value Labels')!
        .slice(1)
        .filter((r) => r.length === 3); // not the footnote line
      const perVar = new Map<string, [string, string][]>();
      let current = '';
      for (const [v, value, label] of labels) {
        if (v) current = v;
        perVar.set(current, [...(perVar.get(current) ?? []), [value!.replace('[a]', ''), label!]]);
      }
      const want: [string, string][] = [
        ...['1', '2', '3', '4', '5'].map((k): [string, string] => [k, config.scale.labels[k]!]),
        ['99', '不了解'],
      ];
      for (const it of config.items.filter((i) => i.type === 'rating'))
        expect(perVar.get(it.text)).toEqual(want);

      const data = psppData(file);
      expect(data[0]).toEqual(names);
      expect(data.slice(1).sort(byIdTarget)).toEqual(expected.sort(byIdTarget));
    });

    it('writes a long .sav: one case per answer, item, value and text', async () => {
      const file = path.join(tmp, 'long.sav');
      const r = await cli('export', 'responses', '--assessment', 't-2024', '--out', file, '--layout', 'long');
      expect(r.stderr).toBe('');
      const data = psppData(file);
      const head = data[0]!;
      expect(head.slice(-3)).toEqual(['item', 'value', 'text']);
      const got = data
        .slice(1)
        .map((row) => `${row[0]}|${row[5]}|${row[8]}|${row[10] !== '' ? row[10] : row[9]}`)
        .sort();
      const want = sourceRows()
        .map(
          ([rid, , , , , target, item, value]) => `${rid}|${target}|${item}|${value === 'DK' ? '99' : value}`,
        )
        .sort();
      expect(got).toEqual(want);
    });
  });
}
