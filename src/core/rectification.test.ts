import { describe, expect, it } from 'vitest';
import {
  countByStatus,
  dueDateProblem,
  partyOf,
  RECTIFICATION_STATUSES,
  transition,
  type RectificationAction,
  type RectificationParty,
  type RectificationStatus,
} from './rectification.js';
import { itemMeans, suggestRectification, type ItemScoreRow } from './rectification-suggest.js';

describe('rectification status machine', () => {
  // every (status, action, party) the machine allows, with the status after; all else is refused
  const ALLOWED: [RectificationStatus, RectificationAction, RectificationParty, RectificationStatus][] = [
    ['open', 'edit', 'office', 'open'],
    ['answered', 'edit', 'office', 'answered'],
    ['returned', 'edit', 'office', 'returned'],
    ['open', 'delete', 'office', 'open'],
    ['answered', 'delete', 'office', 'answered'],
    ['returned', 'delete', 'office', 'returned'],
    ['open', 'answer', 'agency', 'answered'],
    ['answered', 'answer', 'agency', 'answered'],
    ['returned', 'answer', 'agency', 'answered'],
    ['answered', 'accept', 'office', 'accepted'],
    ['answered', 'return', 'office', 'returned'],
  ];
  const ACTIONS: RectificationAction[] = ['edit', 'delete', 'answer', 'accept', 'return'];
  const PARTIES: RectificationParty[] = ['office', 'agency'];

  for (const status of RECTIFICATION_STATUSES)
    for (const action of ACTIONS)
      for (const party of PARTIES) {
        const row = ALLOWED.find(([s, a, p]) => s === status && a === action && p === party);
        it(`${party} ${action} on ${status}: ${row ? `→ ${row[3]}` : 'refused'}`, () => {
          const r = transition(status, action, party);
          if (row) expect(r).toEqual({ ok: true, status: row[3] });
          else expect(r.ok).toBe(false);
        });
      }

  it('says whether the party or the status is wrong', () => {
    expect(transition('answered', 'accept', 'agency')).toMatchObject({ ok: false, reason: 'party' });
    expect(transition('open', 'answer', 'office')).toMatchObject({ ok: false, reason: 'party' });
    const r = transition('accepted', 'answer', 'agency');
    expect(r).toMatchObject({ ok: false, reason: 'status' });
    expect(r.ok ? '' : r.why).toContain('已通过');
    expect(transition('open', 'accept', 'office')).toMatchObject({ ok: false, reason: 'status' });
  });

  it('a returned answer goes round again: open → answered → returned → answered → accepted', () => {
    let s: RectificationStatus = 'open';
    for (const [a, p] of [
      ['answer', 'agency'],
      ['return', 'office'],
      ['answer', 'agency'],
      ['accept', 'office'],
    ] as const) {
      const r = transition(s, a, p);
      expect(r.ok).toBe(true);
      if (r.ok) s = r.status;
    }
    expect(s).toBe('accepted');
  });

  it('maps roles to parties', () => {
    expect(
      ['admin', 'analyst', 'agency', 'supervisor', 'interviewer'].map((r) => partyOf(r as never)),
    ).toEqual(['office', 'office', 'agency', null, null]);
  });

  it('counts every status, zeros included', () => {
    expect(countByStatus(['open', 'open', 'accepted'])).toEqual({
      open: 2,
      answered: 0,
      accepted: 1,
      returned: 0,
    });
  });

  it.each([
    ['2026-06-30', null],
    ['2024-02-29', null],
    ['2026-02-29', 'not a calendar day'],
    ['2026-13-01', 'not a calendar day'],
    ['2026-6-30', 'YYYY-MM-DD'],
    ['', 'YYYY-MM-DD'],
    ['2026-06-30T00:00', 'YYYY-MM-DD'],
  ])('due date %j', (s, problem) => {
    const p = dueDateProblem(s);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toContain(problem);
  });
});

describe('rectification suggestions', () => {
  // three agencies, one group g; means: I1 80, I2 80, I3 85, I4 (B has none) 60
  const row = (
    unitCode: string,
    item: string,
    score: number | null,
    n: number | null = 10,
  ): ItemScoreRow => ({
    unitCode,
    group: 'g',
    item,
    n,
    score,
  });
  const ITEMS: ItemScoreRow[] = [
    row('A', 'I1', 60),
    row('B', 'I1', 80),
    row('C', 'I1', 100),
    row('A', 'I2', 70),
    row('B', 'I2', 90),
    row('C', 'I2', 80),
    row('A', 'I3', 85),
    row('B', 'I3', 75),
    row('C', 'I3', 95),
    row('A', 'I4', 50, null),
    row('B', 'I4', null),
    row('C', 'I4', 70),
  ];

  it('means are unweighted over the agencies with a score', () => {
    expect(Object.fromEntries([...itemMeans(ITEMS)].map(([k, v]) => [k.split('\u0000')[1], v]))).toEqual({
      I1: 80,
      I2: 80,
      I3: 85,
      I4: 60,
    });
  });

  it('picks the k largest negative gaps, plus every item below the satisfied line', () => {
    const s = suggestRectification(['A', 'B', 'C'], ITEMS, [], { weakest: 2, satisfiedScore: 60 });
    // A: gaps I1 −20, I2 −10, I4 −10 (tie: I2 before I4), I3 0 → the two weakest are I1 and I2;
    // I4 (50) is below the line 60; I1 (60) is on it, not below. B: only I3 (−10). C: none.
    expect(s.map((x) => [x.unitCode, x.key, x.reasons])).toEqual([
      ['A', 'item:g:I1', ['below_mean']],
      ['A', 'item:g:I2', ['below_mean']],
      ['A', 'item:g:I4', ['below_satisfied']],
      ['B', 'item:g:I3', ['below_mean']],
    ]);
    expect(s[0]?.basis).toBe('“I1”（g）得分 60.00，全部单位均值 80.00，差 -20.00；样本 10');
    expect(s[2]?.basis).toBe('“I4”（g）得分 50.00，全部单位均值 60.00，差 -10.00；低于满意线 60.00');
  });

  it('an item both weak and below the line is one suggestion with both reasons, named by text', () => {
    const s = suggestRectification(['A'], ITEMS, [], {
      weakest: 1,
      satisfiedScore: 65,
      itemText: (i) => ({ I1: '办事效率' })[i] ?? i,
      groupName: () => '服务对象',
    });
    expect(s.map((x) => [x.key, x.reasons])).toEqual([
      ['item:g:I1', ['below_mean', 'below_satisfied']],
      ['item:g:I4', ['below_satisfied']],
    ]);
    expect(s[0]?.title).toBe('提升“办事效率”（服务对象）满意度');
    expect(s[0]?.basis).toBe(
      '“办事效率”（服务对象）得分 60.00，全部单位均值 80.00，差 -20.00；低于满意线 65.00；样本 10',
    );
  });

  it('adds the most frequent keywords, at least minKeywordCount, ties in code-point order', () => {
    const kw = [
      { unitCode: 'A', keyword: 'queue', count: 5 },
      { unitCode: 'A', keyword: 'attitude', count: 5 },
      { unitCode: 'A', keyword: 'parking', count: 1 },
      { unitCode: 'A', keyword: 'forms', count: 3 },
      { unitCode: 'B', keyword: 'parking', count: 1 },
    ];
    const s = suggestRectification(['A', 'B'], [], kw, { keywords: 2 });
    expect(s.map((x) => [x.unitCode, x.key, x.basis])).toEqual([
      ['A', 'keyword:attitude', '意见建议关键词“attitude”出现 5 次'],
      ['A', 'keyword:queue', '意见建议关键词“queue”出现 5 次'],
    ]);
    expect(suggestRectification(['A'], [], kw, { keywords: 9, minKeywordCount: 1 })).toHaveLength(4);
  });

  it('nothing to suggest without rows, or for an agency alone on an item (gap 0)', () => {
    expect(suggestRectification(['A'], [], [])).toEqual([]);
    expect(suggestRectification(['A'], [row('A', 'I1', 40)], [])).toEqual([]);
    expect(suggestRectification(['A'], [row('A', 'I1', 40)], [], { satisfiedScore: 60 })).toHaveLength(1);
  });
});
