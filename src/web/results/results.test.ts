import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n';
import { age, interval, percent, score } from './format';
import { itemDiagnostics } from './items';
import { byRank, rankRows } from './ranking';
import { rowsOf } from './rows';
import { quality, summaryOf } from './validity';

const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('zh', k, v);

describe('numbers as the console shows them', () => {
  it.each([
    [85.25061030672052, '85.25'],
    [90.19999999999999, '90.20'],
    [0.005, '0.01'],
    [null, '—'],
    ['x', '—'],
  ])('score(%s) = %s', (v, want) => expect(score(v)).toBe(want));
  it.each([
    [0.9278978186958113, '92.8%'],
    [1, '100.0%'],
    [null, '—'],
  ])('percent(%s) = %s', (v, want) => expect(percent(v)).toBe(want));
  it('writes an interval with an en dash, or a dash when either end is missing', () => {
    expect(interval(83.944, 86.5567)).toBe('83.94–86.56');
    expect(interval(null, 3)).toBe('—');
  });
  it.each([
    [5, '刚刚生成'],
    [180, '3 分钟前生成'],
    [7300, '2 小时前生成'],
    [200_000, '2 天前生成'],
  ])('age(%s s) = %s', (s, want) => expect(age(t, s)).toBe(want));
});

describe('the ranking rows', () => {
  const units = rowsOf({
    columns: [
      'unit_code',
      'unit_name',
      'category',
      'composite',
      'ci_low',
      'ci_high',
      'rank_overall',
      'grade',
    ],
    rows: [
      ['A', '甲', 'c1', 75, 45.6, 104.4, 2, '良好'],
      ['B', '乙', 'c1', null, null, null, null, '良好'],
      ['C', '丙', 'c2', 90, 70.4, 109.6, 1, '优秀'],
    ],
  });
  const intervals = rowsOf({
    columns: ['unit_code', 'rank_overall', 'rank_low', 'rank_high'],
    rows: [
      ['A', 2, 1, 2],
      ['B', null, null, null],
      ['C', 1, 1, 2],
    ],
  });
  const groups = rowsOf({
    columns: ['unit_code', 'group', 'score', 'ci_low', 'ci_high'],
    rows: [['A', 'service', 75, 60, 90]],
  });
  it('joins the rank interval and group scores, unranked agencies last', () => {
    const rows = byRank(rankRows(units, intervals, groups), (r) => r.rankOverall);
    expect(rows.map((r) => [r.code, r.rankOverall, r.rankLow, r.rankHigh])).toEqual([
      ['C', 1, 1, 2],
      ['A', 2, 1, 2],
      ['B', null, null, null],
    ]);
    expect(rows[1]!.groups.service).toEqual({ score: 75, ciLow: 60, ciHigh: 90 });
  });
});

describe('item diagnostics', () => {
  it('subtracts the mean of the same item over all agencies, weakest first', () => {
    const all = rowsOf({
      columns: ['unit_code', 'group', 'item', 'n', 'score'],
      rows: [
        ['A', 'service', 'S1', 2, 80],
        ['B', 'service', 'S1', 1, 60],
        ['A', 'service', 'S2', 1, 70],
        ['B', 'service', 'S2', 1, 90],
        ['B', 'peer', 'S1', 1, 10], // another group's S1 is another item
      ],
    });
    const own = all.filter((r) => r.unit_code === 'A');
    expect(itemDiagnostics(own, all).map((d) => [d.item, d.mean, d.diff])).toEqual([
      ['S2', 80, -10],
      ['S1', 70, 10],
    ]);
  });
});

describe('data quality', () => {
  it('counts invalid responses per reason and straight-liner flags of valid ones', () => {
    const rows = rowsOf({
      columns: ['response_id', 'valid', 'reasons'],
      rows: [
        ['r1', 1, null],
        ['r2', 0, 'duplicate'],
        ['r3', 0, 'too_fast;straightline'],
        ['r4', 1, 'straightline'],
      ],
    });
    const q = quality(rows);
    expect(q.invalid.map((v) => v.responseId)).toEqual(['r2', 'r3']);
    expect(q.byReason).toEqual({ incomplete: 0, too_fast: 1, duplicate: 1, straightline: 1 });
    expect(q.flagged).toBe(1);
  });
  it('reads the summary as metric → value', () => {
    const s = summaryOf(rowsOf({ columns: ['metric', 'value'], rows: [['responses_total', 7]] }));
    expect(s.get('responses_total')).toBe(7);
  });
});
