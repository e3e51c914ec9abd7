import { describe, expect, it } from 'vitest';
import {
  AAPOR_FINAL_CODES,
  isAaporFinalCode,
  aaporClass,
  aaporRates,
  emptyAaporCounts,
  estimatedEligibility,
  phoneRates,
} from './aapor.js';
import type { UnitInfo } from './analysis-types.js';

describe('aaporClass', () => {
  it.each([
    ['1.1', 'I'],
    ['1.2', 'P'],
    ['2.10', 'R'],
    ['2.111', 'R'],
    ['2.111a', 'R'],
    ['2.112b', 'R'],
    ['2.12', 'R'],
    ['2.12a', 'R'],
    ['2.20', 'NC'],
    ['2.221', 'NC'],
    ['2.30', 'O'],
    ['2.331', 'O'],
    ['2.90', 'O'],
    ['3.10', 'UH'],
    ['3.13', 'UH'],
    ['3.161', 'UH'],
    ['3.20', 'UO'],
    ['3.21', 'UO'],
    ['3.90', 'UO'],
    ['4.0', 'NE'],
    ['4.31', 'NE'],
    ['4.431', 'NE'],
    ['4.90', 'NE'],
    [' 3.13 ', 'UH'],
  ])('%s → %s', (code, cls) => {
    expect(aaporClass(code)).toBe(cls);
  });

  it.each([
    '1.0',
    '1.3',
    '2.0',
    '2.4',
    '3.0',
    '5.1',
    '0.1',
    '11.1',
    'abc',
    '',
    '1',
    '2.',
    '.1',
    '2.1.1',
    'a2.1',
  ])('%j is not a final code', (code) => {
    expect(aaporClass(code)).toBeNull();
  });
});

describe('AAPOR_FINAL_CODES (what the importer accepts)', () => {
  it('classes every code as aaporClass does', () => {
    for (const [code, cls] of Object.entries(AAPOR_FINAL_CODES)) expect(aaporClass(code), code).toBe(cls);
  });

  it.each(['1.1', '2.111a', ' 3.13 ', '4.0', '4.431', '2.90', '3.21', '2.11B', '2.1', '4.1', '3.9', '2.13a'])(
    'accepts %j',
    (code) => {
      expect(isAaporFinalCode(code)).toBe(true);
    },
  );

  it.each(['4.99', '2.999', '3.17', '2.25', '1.3', '4.6', '1.0', '2.0', '3.0', '5.1', 'x', '', '1.1.1'])(
    'refuses %j',
    (code) => {
      expect(isAaporFinalCode(code)).toBe(false);
    },
  );
});

describe('aaporRates', () => {
  it('reproduces the outcomerate test vector (METHODS-REFERENCE §1.4)', () => {
    const r = aaporRates({ I: 5, P: 3, R: 2, NC: 1, O: 2, UH: 1, UO: 1, NE: 1 }, 0.5);
    const expected: Record<string, number> = {
      RR1: 1 / 3,
      RR2: 8 / 15,
      RR3: 5 / 14,
      RR4: 4 / 7,
      RR5: 5 / 13,
      RR6: 8 / 13,
      COOP1: 5 / 12,
      COOP2: 2 / 3,
      COOP3: 1 / 2,
      COOP4: 4 / 5,
      REF1: 2 / 15,
      REF2: 1 / 7,
      REF3: 2 / 13,
      CON1: 4 / 5,
      CON2: 6 / 7,
      CON3: 12 / 13,
    };
    for (const [k, v] of Object.entries(expected)) expect(r[k as keyof typeof r]).toBeCloseTo(v, 14);
  });

  it('reproduces the eligibility-rate example', () => {
    const c = { I: 5, P: 2, R: 1, NC: 1, O: 1, UH: 1, UO: 1, NE: 1 };
    const e = estimatedEligibility(c);
    expect(e).toBeCloseTo(10 / 11, 15);
    const r = aaporRates(c, e);
    expect(r.RR1).toBeCloseTo(5 / 12, 15);
    expect(r.RR3).toBeCloseTo(55 / 130, 15); // 0.4231
  });

  it('gives null for every zero denominator', () => {
    const r = aaporRates(emptyAaporCounts(), null);
    for (const v of Object.values(r)) expect(v).toBeNull();
    expect(estimatedEligibility(emptyAaporCounts())).toBeNull();
    // only ineligible cases: every rate null, e = 0
    const ne = { ...emptyAaporCounts(), NE: 4 };
    expect(estimatedEligibility(ne)).toBe(0);
    for (const v of Object.values(aaporRates(ne, 0))) expect(v).toBeNull();
  });

  it('handles the e term when e is null', () => {
    // unknown-eligibility cases and no estimate of e: the e-dependent rates are null
    const onlyUnknown = { ...emptyAaporCounts(), UH: 2, UO: 1 };
    const r = aaporRates(onlyUnknown, null);
    expect(r.RR1).toBe(0);
    expect(r.REF1).toBe(0);
    expect(r.CON1).toBe(0);
    for (const k of ['RR3', 'RR4', 'REF2', 'CON2', 'RR5', 'RR6', 'REF3', 'CON3', 'COOP1'] as const) {
      expect(r[k]).toBeNull();
    }
    // no unknown cases: the e term is 0 even with e null
    const known = { ...emptyAaporCounts(), I: 1, R: 1 };
    const k2 = aaporRates(known, null);
    expect(k2.RR3).toBe(0.5);
    expect(k2.REF2).toBe(0.5);
    expect(k2.CON2).toBe(1);
  });

  it('zero COOP denominators', () => {
    const r = aaporRates({ ...emptyAaporCounts(), NC: 3, UH: 1 }, 1);
    expect(r.COOP1).toBeNull();
    expect(r.COOP2).toBeNull();
    expect(r.COOP3).toBeNull();
    expect(r.COOP4).toBeNull();
    expect(r.RR1).toBe(0);
    expect(r.CON3).toBe(0);
    // with only O cases COOP3/4 are null but COOP1/2 are 0
    const o = aaporRates({ ...emptyAaporCounts(), O: 2 }, 1);
    expect(o.COOP1).toBe(0);
    expect(o.COOP3).toBeNull();
  });
});

describe('phoneRates', () => {
  const units: UnitInfo[] = [
    { code: 'A', name: 'a', category: 'x', hasWindow: true },
    { code: 'B', name: 'b', category: 'x', hasWindow: true },
    { code: 'C', name: 'c', category: 'x', hasWindow: false },
  ];
  it('counts per agency and overall, estimating e per row', () => {
    const rows = phoneRates(
      [
        { unit: 0, disposition: '1.1' },
        { unit: 0, disposition: '2.111a' },
        { unit: 0, disposition: '3.13' },
        { unit: 0, disposition: null },
        { unit: 1, disposition: '4.31' },
        { unit: 1, disposition: '1.1' },
        { unit: 1, disposition: '3.90' },
      ],
      units,
      null,
    );
    expect(rows.map((r) => r.scope)).toEqual(['ALL', 'A', 'B', 'C']);
    const [all, a, b, c] = rows;
    expect(all?.counts).toEqual({ I: 2, P: 0, R: 1, NC: 0, O: 0, UH: 1, UO: 1, NE: 1 });
    expect(all?.e).toBeCloseTo(3 / 4, 15);
    expect(all?.rates.RR3).toBeCloseTo(2 / (3 + 0.75 * 2), 15);
    expect(a?.e).toBe(1);
    expect(a?.rates.RR1).toBeCloseTo(1 / 3, 15);
    expect(a?.rates.RR3).toBeCloseTo(1 / 3, 15);
    expect(b?.e).toBe(0.5);
    expect(b?.rates.RR3).toBeCloseTo(1 / 1.5, 15);
    expect(c?.e).toBeNull();
    expect(c?.rates.RR1).toBeNull();
  });
  it('uses a configured e on every row', () => {
    const rows = phoneRates(
      [
        { unit: 2, disposition: '3.13' },
        { unit: 2, disposition: '1.2' },
      ],
      units,
      0.25,
    );
    expect(rows.every((r) => r.e === 0.25)).toBe(true);
    expect(rows[3]?.rates.RR4).toBeCloseTo(1 / 1.25, 15);
  });
});
