import { describe, expect, it } from 'vitest';
import type { AssessmentConfig } from './config.js';
import { agencyReports, type ReportInput } from './report-model.js';
import { overallReport } from './report-model-overall.js';

const config: AssessmentConfig = {
  id: 't',
  name: '测试考评',
  year: 2024,
  scale: { points: 5, scores: { 1: 20, 2: 40, 3: 60, 4: 80, 5: 100 }, satisfiedAtLeast: 3 },
  groups: [{ code: 'g', name: '服务对象', weight: 1, channels: ['phone'] }],
  items: ['Q1', 'Q2', 'Q3', 'Q4'].map((code) => ({
    code,
    text: `题目${code}`,
    type: 'rating' as const,
    groups: ['g'],
  })),
  quotas: { phone: { perUnit: 10 } },
};

const unit = (code: string, composite: number | null, rank: number | null) => ({
  unit_code: code,
  unit_name: `单位${code}`,
  category: '甲',
  composite,
  ci_low: composite === null ? null : composite - 1,
  ci_high: composite === null ? null : composite + 1,
  composite_rate: 0.9,
  rank_in_category: rank,
  rank_overall: rank,
  daily: 90,
  bonus: 0,
  total: composite,
  grade: rank === null ? null : '良好',
});

// item means over A and B: Q1 85, Q2 80, Q3 75, Q4 70
const items = (code: string, scores: number[]) =>
  scores.map((score, i) => ({ unit_code: code, group: 'g', item: `Q${i + 1}`, n: 5, score }));

const input: ReportInput = {
  config,
  snapshot: { id: 7, createdAt: '2024-11-01T00:00:00Z' },
  tables: {
    unit_results: [unit('A', 85, 1), unit('B', 80, 2), unit('C', null, null)],
    item_scores: [...items('A', [95, 70, 80, 70]), ...items('B', [75, 90, 70, 70])],
    unit_group_scores: [
      { unit_code: 'A', group: 'g', n_valid: 5, n_used: 5, score: 85, ci_low: 84, ci_high: 86 },
    ],
    unit_keywords: [{ unit_code: 'A', keyword: '排队', count: 2, weight: 0.5 }],
    rank_intervals: [{ unit_code: 'A', rank_overall: 1, rank_low: 1, rank_high: 2 }],
    response_validity: [
      { response_id: 'r1', valid: 1, reasons: '' },
      { response_id: 'r2', valid: 0, reasons: 'too_fast;straightline' },
      { response_id: 'r3', valid: 1, reasons: 'straightline' },
    ],
    summary: [{ metric: 'valid_phone', value: 15 }],
    phone_rates: [{ scope: 'ALL', I: 10, RR1: 0.5 }],
  },
  comments: [
    { responseId: 'r1', targetUnit: 'A', text: '排队太久，电话13800138000' },
    { responseId: 'r2', targetUnit: 'A', text: '无效问卷的意见' },
    { responseId: 'r3', targetUnit: 'A', text: '环境不错' },
    { responseId: 'r3', targetUnit: 'A', text: '环境不错' },
  ],
  rectification: new Map([['A', [{ title: '缩短排队', status: '整改中' }]]]),
};

describe('agencyReports', () => {
  const [a, b, c] = agencyReports(input);

  it('copies the snapshot figures and counts the ranked agencies', () => {
    expect(a).toMatchObject({ code: 'A', composite: 85, ciLow: 84, ciHigh: 86, rankInCategory: 1 });
    expect(a).toMatchObject({ categorySize: 2, rankedTotal: 2, rankLow: 1, rankHigh: 2, grade: '良好' });
    expect(c).toMatchObject({ composite: null, rankOverall: null, grade: null, rankLow: null });
  });

  it('compares items with the all-agency mean: strongest first, weakest first', () => {
    // A: Q1 +10, Q2 −10, Q3 +5, Q4 0 → two each (half of four items)
    expect(a!.strongest.map((i) => [i.code, i.diff])).toEqual([
      ['Q1', 10],
      ['Q3', 5],
    ]);
    expect(a!.weakest.map((i) => [i.code, i.diff])).toEqual([
      ['Q2', -10],
      ['Q4', 0],
    ]);
    expect(b!.items.map((i) => i.mean)).toEqual([85, 80, 75, 70]);
  });

  it('shows comments of valid responses only, masked, once each, keyword ones first', () => {
    expect(a!.comments).toEqual(['排队太久，电话138******00', '环境不错']);
    expect(a!.keywords).toEqual([{ keyword: '排队', count: 2 }]);
    expect(a!.rectification).toEqual([{ title: '缩短排队', status: '整改中' }]);
    expect(b!.comments).toEqual([]);
  });
});

describe('overallReport', () => {
  const r = overallReport(input);

  it('ranks per category, ranked agencies first', () => {
    expect(r.categories.map((c) => [c.name, c.rows.map((x) => x.code)])).toEqual([['甲', ['A', 'B', 'C']]]);
    expect(r.rankedCount).toBe(2);
  });

  it('reports channels against the quota, AAPOR, reasons and rectification', () => {
    expect(r.channels).toEqual([{ channel: 'phone', label: '电话访问', valid: 15, target: 30, share: 0.5 }]);
    expect(r.aapor.counts.find((x) => x.key === 'I')?.value).toBe(10);
    expect(r.aapor.rates.find((x) => x.key === 'RR1')?.value).toBe(0.5);
    expect(r.quality).toMatchObject({ total: 3, valid: 2, invalid: 1 });
    expect(r.quality.reasons.find((x) => x.code === 'straightline')?.count).toBe(2);
    expect(r.rectification.find((x) => x.code === 'A')).toMatchObject({
      total: 1,
      byStatus: [{ status: '整改中', count: 1 }],
    });
    expect(r.distribution.reduce((s, b) => s + b.count, 0)).toBe(2);
  });
});
