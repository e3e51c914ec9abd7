import { describe, expect, it } from 'vitest';
import type { AssessmentConfig } from './config.js';
import { elapsedShare, fieldworkProgress, progressStatus, windowBound } from './fieldwork-progress.js';

describe('progressStatus', () => {
  it.each<[number, number, number | null, string]>([
    // count, target, elapsed share, status
    [50, 50, 0.1, 'met'],
    [60, 50, null, 'met'],
    [0, 0, null, 'met'],
    [0, 0, 0.5, 'met'],
    [25, 50, 0.5, 'on_track'], // ⌊50 × 0.5⌋ = 25 expected
    [24, 50, 0.5, 'behind'],
    [0, 50, 0.01, 'on_track'], // ⌊0.5⌋ = 0: nothing expected yet
    [0, 50, 0.02, 'behind'], // ⌊1⌋ = 1
    [0, 50, 0, 'on_track'], // before the window opens
    [49, 50, 1, 'behind'], // the window has closed
    [1, 50, null, 'on_track'], // no window: any progress
    [0, 50, null, 'behind'],
  ])('%i of %i at %s elapsed: %s', (count, target, elapsed, status) => {
    expect(progressStatus(count, target, elapsed)).toBe(status);
  });
});

const at = (iso: string) => Date.parse(iso);

describe('windowBound and elapsedShare', () => {
  it.each<[string, 'start' | 'end', string]>([
    ['2020-12-01', 'start', '2020-11-30T16:00:00Z'],
    ['2020-12-31', 'end', '2020-12-31T16:00:00Z'], // the last day is included
    ['2020-12-01T09:30', 'start', '2020-12-01T01:30:00Z'],
    ['2020-12-01 09:30:15', 'end', '2020-12-01T01:30:15Z'],
    ['2020-12-01T09:30:00+00:00', 'start', '2020-12-01T09:30:00Z'],
    ['2020-12-01T09:30:00Z', 'end', '2020-12-01T09:30:00Z'],
  ])('%s as %s is %s', (s, side, iso) => {
    expect(windowBound(s, side)).toBe(at(iso));
  });

  it.each(['2020-02-30', 'tomorrow', '2020-12-01T25:00', ''])('%j is unreadable (NaN)', (s) => {
    expect(windowBound(s, 'start')).toBeNaN();
  });

  const dec = { start: '2020-12-01', end: '2020-12-10' }; // 10 days, UTC+8
  it.each<[typeof dec | { start?: string; end?: string } | undefined, string, number | null]>([
    [dec, '2020-11-20T00:00:00Z', 0],
    [dec, '2020-12-05T16:00:00Z', 0.5], // 6 Dec 00:00 in Beijing: 5 of 10 days
    [dec, '2020-12-10T16:00:00Z', 1],
    [dec, '2021-01-01T00:00:00Z', 1],
    [undefined, '2020-12-05T00:00:00Z', null],
    [{ start: '2020-12-01' }, '2020-12-05T00:00:00Z', null], // open end: no pace
    [{ start: '2020-12-01' }, '2020-11-05T00:00:00Z', 0],
    [{ end: '2020-12-10' }, '2020-12-05T00:00:00Z', null],
    [{ end: '2020-12-10' }, '2020-12-11T00:00:00Z', 1],
    [{ start: 'soon', end: '2020-12-10' }, '2020-12-05T00:00:00Z', null],
    [{ start: '2020-12-10', end: '2020-12-01' }, '2020-12-05T00:00:00Z', null],
  ])('%j at %s: %s', (w, now, share) => {
    const r = elapsedShare(w, at(now));
    if (share === null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(share, 12);
  });
});

const config = (extra: Partial<AssessmentConfig>): AssessmentConfig => ({
  id: 'x',
  name: 'x',
  year: 2020,
  scale: { points: 5, scores: { 1: 0, 2: 25, 3: 50, 4: 75, 5: 100 }, satisfiedAtLeast: 4 },
  groups: [
    { code: 'service', weight: 0.5, channels: ['phone', 'intercept'] },
    { code: 'peer', weight: 0.5, channels: ['peer'] },
    { code: 'firm', rates: 'firm', channels: ['online'] },
  ],
  items: [{ code: 'Q1', text: 'q', type: 'rating', groups: ['service', 'peer', 'firm'] }],
  ...extra,
});
const units = ['A', 'B', 'C'].map((code) => ({ code, name: `单位${code}`, category: 'c' }));

describe('fieldworkProgress', () => {
  // phone: A 5, B 2, C 0 (7 responses); intercept 4 responses (A 3, B 1); peer: 2 ballots
  // rating A and B each; firm: 6 responses on the online channel
  const counts = [
    { unit: '', channel: 'phone', group: 'service', n: 7 },
    { unit: 'A', channel: 'phone', group: 'service', n: 5 },
    { unit: 'B', channel: 'phone', group: 'service', n: 2 },
    { unit: '', channel: 'intercept', group: 'service', n: 4 },
    { unit: 'A', channel: 'intercept', group: 'service', n: 3 },
    { unit: 'B', channel: 'intercept', group: 'service', n: 1 },
    { unit: '', channel: 'peer', group: 'peer', n: 2 },
    { unit: 'A', channel: 'peer', group: 'peer', n: 2 },
    { unit: 'B', channel: 'peer', group: 'peer', n: 2 },
    { unit: '', channel: 'online', group: 'firm', n: 6 },
  ];
  const run = (extra: Partial<AssessmentConfig>, now = '2020-12-05T16:00:00Z') =>
    fieldworkProgress({ config: config(extra), units, counts, nowMs: at(now) });

  it('judges channels and agencies against perUnit and total quotas, paced by the window', () => {
    const p = run({
      quotas: { phone: { perUnit: 4 }, intercept: { total: 10 } },
      schedule: { phone: { start: '2020-12-01', end: '2020-12-10' } },
    });
    expect(p.responses).toBe(19);
    expect(p.firmResponses).toBe(6);
    // online carries only the firm group: not an agency channel
    expect(p.channels.map((c) => [c.channel, c.stored, c.towardTarget, c.target, c.status])).toEqual([
      ['phone', 7, 6, 12, 'on_track'], // 4 + 2 + 0 of 12, ⌊12 × 0.5⌋ = 6
      ['intercept', 4, 4, 10, 'on_track'], // no window, some progress
      ['peer', 2, 2, null, null],
    ]);
    expect(p.units.map((u) => [u.code, u.cells.phone, u.cells.intercept, u.cells.peer])).toEqual([
      [
        'A',
        { n: 5, target: 4, status: 'met' },
        { n: 3, target: null, status: null },
        { n: 2, target: null, status: null },
      ],
      [
        'B',
        { n: 2, target: 4, status: 'on_track' },
        { n: 1, target: null, status: null },
        { n: 2, target: null, status: null },
      ],
      [
        'C',
        { n: 0, target: 4, status: 'behind' },
        { n: 0, target: null, status: null },
        { n: 0, target: null, status: null },
      ],
    ]);
    expect(p.total).toEqual({ towardTarget: 10, target: 22 });
  });

  it('marks agencies behind once the window has closed, and has no total without targets', () => {
    const closed = run({ quotas: { phone: { perUnit: 4 } }, schedule: { phone: { end: '2020-12-01' } } });
    expect(closed.units.map((u) => u.cells.phone?.status)).toEqual(['met', 'behind', 'behind']);
    expect(closed.channels[0]?.elapsed).toBe(1);
    // a per-agency peer quota counts ballots × agencies rated: 2 ballots, 4 ratings
    const peer = run({ quotas: { peer: { perUnit: 1 } } }).channels.find((c) => c.channel === 'peer');
    expect(peer).toMatchObject({ responses: 2, stored: 4, towardTarget: 2, target: 3, status: 'on_track' });
    const none = run({});
    expect(none.total).toEqual({ towardTarget: 0, target: null });
    expect(none.channels.every((c) => c.status === null)).toBe(true);
  });

  it('gives null firm responses without a firm group', () => {
    const p = fieldworkProgress({
      config: config({ groups: [{ code: 'service', weight: 1, channels: ['phone'] }] }),
      units,
      counts: [],
      nowMs: 0,
    });
    expect(p.firmResponses).toBeNull();
    expect(p.responses).toBe(0);
    expect(p.channels.map((c) => c.channel)).toEqual(['phone']);
  });
});
