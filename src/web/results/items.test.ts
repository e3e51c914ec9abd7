import { describe, expect, it } from 'vitest';
import { itemDiagnostics, itemDiagnosticsFromMeans } from './items';

describe('itemDiagnosticsFromMeans', () => {
  it('gives the diagnostics of all rows when handed their means', () => {
    const all = [
      { unit_code: 'A', group: 'g', item: 'Q1', n: 5, score: 90 },
      { unit_code: 'B', group: 'g', item: 'Q1', n: 5, score: 70 },
      { unit_code: 'A', group: 'g', item: 'Q2', n: 5, score: 60 },
      { unit_code: 'B', group: 'g', item: 'Q2', n: 4, score: 80 },
      { unit_code: 'A', group: 'h', item: 'Q1', n: 2, score: null },
    ];
    const own = all.filter((r) => r.unit_code === 'A');
    const means = [
      { group: 'g', item: 'Q1', mean: 80 },
      { group: 'g', item: 'Q2', mean: 70 },
    ];
    const d = itemDiagnosticsFromMeans(own, means);
    expect(d).toEqual(itemDiagnostics(own, all));
    expect(d.map((x) => [x.item, x.diff])).toEqual([
      ['Q2', -10],
      ['Q1', 10],
    ]);
  });
});
