import { describe, expect, it } from 'vitest';
import type { GroupConfig } from '../../core/config.js';
import {
  groupProblems,
  normalisedWeights,
  percent,
  quotaMode,
  quotaProblems,
  quotaTarget,
  scheduleProblems,
  tidy,
} from './config-edit';

const groups: GroupConfig[] = [
  { code: 'service', name: '服务对象', weight: 0.4, channels: ['phone'] },
  { code: 'peer', name: '机关互评', weight: 0.2, channels: ['peer'] },
  { code: 'firm', name: '对评估机构', rates: 'firm', channels: ['online'] },
];

describe('set-up arithmetic', () => {
  it('normalises the agency groups’ weights, leaving out the firm group', () => {
    const w = normalisedWeights(groups);
    expect(w.map((x) => [x.code, percent(x.share)])).toEqual([
      ['service', '66.7%'],
      ['peer', '33.3%'],
    ]);
    expect(normalisedWeights([{ ...groups[0]!, weight: 0 }]).map((x) => x.share)).toEqual([0]);
  });

  it('gives targets per channel: perUnit × agencies, or the total', () => {
    expect(quotaTarget({ perUnit: 50 }, 89)).toBe(4450);
    expect(quotaTarget({ total: 500 }, 89)).toBe(500);
    expect(quotaTarget(undefined, 89)).toBeNull();
    expect([quotaMode({ perUnit: 1 }), quotaMode({ total: 1 }), quotaMode({})]).toEqual([
      'perUnit',
      'total',
      'none',
    ]);
  });

  it('names the problems of a draft by the server’s field paths', () => {
    expect(groupProblems(groups)).toEqual([]);
    expect(
      groupProblems([
        { ...groups[0]!, weight: -1, minN: 1.5 },
        { ...groups[1]!, weight: 0, trim: { fraction: 0.5 } },
      ]).map((p) => p.field),
    ).toEqual(['groups.0.weight', 'groups.0.minN', 'groups.1.trim', 'groups']);
    expect(quotaProblems({ phone: { perUnit: 2.5 }, online: { total: 8 } }).map((p) => p.field)).toEqual([
      'quotas.phone',
    ]);
    expect(
      scheduleProblems({
        phone: { start: '2026-03-02', end: '2026-03-01' },
        online: { start: '2026-03-01', end: '2026-03-01' },
      }),
    ).toEqual([{ field: 'schedule.phone', key: 'setup.problem.dates' }]);
  });

  it('drops channels without a quota or dates', () => {
    expect(tidy({ phone: { perUnit: 5 }, online: {}, peer: { start: '' } })).toEqual({
      phone: { perUnit: 5 },
    });
    expect(tidy({ online: {} })).toBeUndefined();
  });
});
