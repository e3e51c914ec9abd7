import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTargetSheet, type TargetSheet } from './targets.js';
import {
  achievement,
  gradeOf,
  liveMetrics,
  partOf,
  selfEvaluate,
  sheetBudget,
  targetsCsvRows,
  type Judgement,
  type LiveMetrics,
} from './targets-evaluation.js';
import { TARGET_METRICS } from './targets.js';

const fixture = JSON.parse(
  fs.readFileSync(new URL('../../test/fixtures/suzhou-2021-targets.json', import.meta.url), 'utf8'),
) as unknown;

const sheet = (): TargetSheet => {
  const r = parseTargetSheet(fixture);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('target sheet schema', () => {
  it('reads the seed form and keeps every field', () => {
    const s = sheet();
    expect(s).toEqual(fixture);
    expect(s.indicators).toHaveLength(13);
  });

  it.each([
    [{ extra: 1 }, '(root): Unrecognized key: "extra": extra'],
    [{ project: { colour: 'red' } }, 'project: Unrecognized key: "colour": colour'],
    [{ indicators: [{ level1: '投入', name: 'x', operator: '>', target: 1 }] }, 'indicators.0.operator'],
    [{ indicators: [{ level1: '投入', name: 'x', operator: '>=', target: null }] }, 'indicators.0.target'],
    [
      { indicators: [{ level1: '投入', name: 'x', operator: 'qualitative', target: 1 }] },
      'indicators.0.target',
    ],
    [
      { indicators: [{ level1: '投入', name: 'x', operator: '>=', target: 1, metric: 'nope' }] },
      'indicators.0.metric',
    ],
    [{ expenditures: [{ date: '2021/3/1', amount: 1 }] }, 'expenditures.0.date'],
    [
      { expenditures: [{ date: '2021-03-01', amount: 1, subProject: '无此项' }] },
      'expenditures.0.subProject',
    ],
  ])('refuses %j naming the field', (patch, where) => {
    const base = structuredClone(fixture) as Record<string, unknown>;
    for (const [k, v] of Object.entries(patch)) {
      if (k === 'project') Object.assign(base.project as object, v);
      else base[k] = v;
    }
    const r = parseTargetSheet(base);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.startsWith(where)).toBe(true);
  });

  it('refuses two indicators of the same name', () => {
    const base = structuredClone(fixture) as { indicators: { name: string }[] };
    base.indicators[1]!.name = base.indicators[0]!.name;
    const r = parseTargetSheet(base);
    expect(r.ok ? '' : r.error).toMatch(/^indicators\.1\.name: duplicate/);
  });
});

describe('achievement', () => {
  it.each([
    // operator, target, actual → achieved, ratio, over 120 %
    ['>=', 100, 100, true, 1, false],
    ['>=', 100, 80, false, 0.8, false],
    ['>=', 100, 121, true, 1, true],
    ['>=', 100, 120, true, 1, false],
    ['=', 4450, 4000, false, 4000 / 4450, false],
    ['=', 0.9, 0.95, true, 1, false],
    ['<=', 10, 8, true, 1, false],
    ['<=', 10, 12.5, false, 0.8, false],
    ['<=', 0, 5, false, 0, false],
    ['>=', 0, 0, true, 1, false],
    ['>=', 100, -5, false, 0, false],
  ] as const)('%s %d with actual %d', (op, target, actual, achieved, ratio, over) => {
    const a = achievement(op, target, actual);
    expect(a.achieved).toBe(achieved);
    expect(a.ratio).toBeCloseTo(ratio, 12);
    expect(a.overTarget).toBe(over);
  });

  it('is pending without an actual', () => {
    expect(achievement('>=', 1, null)).toEqual({ achieved: null, ratio: null, overTarget: false });
  });
});

describe('parts and grades', () => {
  it.each([
    ['投入', undefined, 'budget'],
    ['分解目标', undefined, 'outputs'],
    ['产出', undefined, 'outputs'],
    ['产出指标', undefined, 'outputs'],
    ['效果', undefined, 'effects'],
    ['影响力', undefined, 'effects'],
    ['效益指标', undefined, 'effects'],
    ['满意度指标', undefined, 'satisfaction'],
    ['产出', 'budget_execution_rate', 'budget'],
  ] as const)('%s (metric %s) → %s', (level1, metric, part) => {
    expect(partOf({ level1, metric })).toBe(part);
  });

  it.each([
    [100, '优'],
    [90, '优'],
    [89.999, '良'],
    [80, '良'],
    [79.9, '中'],
    [60, '中'],
    [59.99, '差'],
    [0, '差'],
  ] as const)('%d → %s', (total, grade) => expect(gradeOf(total)).toBe(grade));
});

const noLive = Object.fromEntries(TARGET_METRICS.map((m) => [m, null])) as LiveMetrics;
const judge = (indicator: string, j: Partial<Judgement>): Judgement => ({
  indicator,
  actual: null,
  actualText: '',
  achieved: null,
  score: null,
  reason: '',
  ...j,
});

describe('live metrics', () => {
  it('budget execution is expenditures over the sub-projects, else the planned fund sources', () => {
    const s = sheet();
    expect(sheetBudget(s.project)).toBe(19);
    const live = liveMetrics(
      s.project,
      [{ amount: 9.5 }, { amount: 5.7 }],
      new Map([['valid_phone', 4450]]),
      12,
    );
    expect(live.budget_execution_rate).toBeCloseTo(15.2 / 19, 12);
    expect(live.valid_phone).toBe(4450);
    expect(live.units_reported).toBe(12);
    expect(live.valid_online).toBeNull();
    const noSubs = { ...s.project, subProjects: [] };
    expect(sheetBudget(noSubs)).toBe(19);
    expect(sheetBudget({ ...noSubs, fundSources: [] })).toBeNull();
    expect(liveMetrics({ ...noSubs, fundSources: [] }, [], null, null).budget_execution_rate).toBeNull();
  });
});

describe('self-evaluation of the seed form', () => {
  // 投入: 5 indicators share 10 → 2 each; 分解目标 5 + 产出 2 share 50 → 50/7 each; 影响力 1 → 30;
  // no 满意度 level: the base is 90 points.
  const live: LiveMetrics = {
    ...noLive,
    budget_execution_rate: 0.8, // 2 × 0.8 = 1.6
    responses_valid: 9300, // met → 50/7
    valid_intercept: 400, // 400/500 → 50/7 × 0.8
    valid_online: 712, // met
    valid_phone: 4450, // met
    units_surveyed: 89, // met
    overall_satisfaction_rate: 0.95, // met
    units_reported: 89, // met
    firm_satisfaction_rate: 0.81, // 0.81/0.9 = 0.9 → 27
  };
  const judgements = [
    judge('专款专用率', { actual: 1 }), // hand actual, met → 2
    judge('财务制度健全性', { achieved: true, score: 1, reason: '制度健全', actualText: '健全' }), // 2
    judge('资金使用合规性', { achieved: true, score: 0.9, reason: '个别凭证不全' }), // 1.8
    // 项目日常进度管理规范性: not judged → pending, 0
  ];

  it('scores each indicator and the total by hand-computed figures', () => {
    const ev = selfEvaluate(sheet(), live, judgements);
    const byName = new Map(ev.indicators.map((i) => [i.name, i]));
    expect(ev.indicators.some((i) => i.synthetic)).toBe(false);
    expect(byName.get('预算执行率')!.score).toBeCloseTo(1.6, 12);
    expect(byName.get('预算执行率')!.needsReason).toBe(true);
    expect(byName.get('专款专用率')!.score).toBeCloseTo(2, 12);
    expect(byName.get('专款专用率')!.actualSource).toBe('hand');
    expect(byName.get('资金使用合规性')!.score).toBeCloseTo(1.8, 12);
    expect(byName.get('项目日常进度管理规范性')!.score).toBeNull();
    expect(byName.get('随机截访人次')!.score).toBeCloseTo((50 / 7) * 0.8, 12);
    expect(byName.get('完善考核机制')!.score).toBeCloseTo(27, 12);
    const budget = 1.6 + 2 + 2 + 1.8;
    const outputs = (50 / 7) * 6 + (50 / 7) * 0.8;
    expect(ev.parts.map((p) => [p.part, p.indicators])).toEqual([
      ['budget', 5],
      ['outputs', 7],
      ['effects', 1],
      ['satisfaction', 0],
    ]);
    expect(ev.parts[0]!.score).toBeCloseTo(budget, 12);
    expect(ev.parts[1]!.score).toBeCloseTo(outputs, 12);
    expect(ev.maxPoints).toBe(90);
    expect(ev.points).toBeCloseTo(budget + outputs + 27, 12);
    expect(ev.total).toBeCloseTo(((budget + outputs + 27) / 90) * 100, 12); // 91.3968…
    expect(ev.grade).toBe('优');
    expect(ev.complete).toBe(false);
  });

  it('flags an actual above 120% of its target', () => {
    const ev = selfEvaluate(sheet(), { ...live, valid_phone: 5400 }, []);
    const phone = ev.indicators.find((i) => i.name === '电话回访人次')!;
    expect(phone.overTarget).toBe(true);
    expect(phone.score).toBeCloseTo(50 / 7, 12);
  });

  it('takes configured weights and a hand score over the computed one', () => {
    const s = { ...sheet(), weights: { budget: 20, outputs: 40, effects: 40, satisfaction: 0 } };
    const ev = selfEvaluate(s, live, [judge('随机截访人次', { score: 1, reason: '截访量按合同调整' })]);
    const i = ev.indicators.find((x) => x.name === '随机截访人次')!;
    expect(i.weight).toBeCloseTo(40 / 7, 12);
    expect([i.score, i.scoreSource]).toEqual([40 / 7, 'hand']);
    expect(ev.indicators.find((x) => x.name === '完善考核机制')!.score).toBeCloseTo(36, 12);
  });

  it('adds the budget-execution row to a form without 投入 indicators', () => {
    const s = sheet();
    const form = { ...s, indicators: s.indicators.filter((i) => i.level1 !== '投入') };
    const ev = selfEvaluate(form, live, []);
    expect(ev.indicators[0]).toMatchObject({ name: '预算执行率', synthetic: true, weight: 10 });
    expect(ev.indicators[0]!.score).toBeCloseTo(8, 12);
    expect(targetsCsvRows(ev)).toHaveLength(8);
  });

  it('writes targets.csv rows: shares as fractions, qualitative text targets', () => {
    const rows = targetsCsvRows(selfEvaluate(sheet(), live, judgements));
    expect(rows[0]!.slice(0, 8)).toEqual(['预算执行率', '投入', '', '>=', 1, '%', 0.8, 0]);
    expect(rows[2]!.slice(0, 8)).toEqual([
      '财务制度健全性',
      '投入',
      '',
      'qualitative',
      '健全',
      '',
      '健全',
      1,
    ]);
    expect(rows[4]!.slice(4, 9)).toEqual(['规范', '', null, null, null]);
    expect(rows[10]!.slice(4, 8)).toEqual([0.9, '%', 0.95, 1]);
  });
});

describe('the demo copy of the seed form', () => {
  it('equals the fixture', async () => {
    const { SUZHOU_2021_TARGETS } = await import('./demo/demo-targets.js');
    expect(SUZHOU_2021_TARGETS).toEqual(fixture);
  });
});
