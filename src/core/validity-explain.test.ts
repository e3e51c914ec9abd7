import { describe, expect, it } from 'vitest';
import { baseConfig, inputFrom, service, unitsFrom, type ResponseSpec } from '../../test/support/scoring.js';
import { explainValidity, type ValidityExplanation } from './validity-explain.js';
import { computeValidity, reasonCodes } from './validity.js';

const units = unitsFrom('ABC');
const codes = units.map((u) => u.code);
const config = baseConfig({
  validity: { minDurationSeconds: { phone: 60 }, straightlineMinItems: 3, straightlineInvalid: true },
});

type Case = [string, ResponseSpec[], Partial<ValidityExplanation>];

const cases: Case[] = [
  [
    'a valid response: every check passes, values still shown',
    [service('ok', 'A', 4, 5, { duration: 120, channel: 'phone' })],
    {
      valid: true,
      reasons: [],
      tooFast: { triggered: false, durationS: 120, minimumS: 60 },
      straightline: { triggered: false, invalidating: true, ratings: 2, minItems: 3, value: null },
    },
  ],
  [
    'too_fast: the duration and the channel minimum',
    [service('fast', 'A', 4, 5, { duration: 59.5, channel: 'phone' })],
    { valid: false, reasons: ['too_fast'], tooFast: { triggered: true, durationS: 59.5, minimumS: 60 } },
  ],
  [
    'no minimum for the channel: never too fast',
    [service('icpt', 'A', 4, 5, { duration: 1, channel: 'intercept' })],
    { valid: true, tooFast: { triggered: false, durationS: 1, minimumS: null } },
  ],
  [
    'incomplete: which required item of which agency',
    [
      {
        id: 'inc',
        group: 'service',
        answers: [
          ['A', 'S1', 4],
          ['B', 'S1', 'BLANK'],
          ['B', 'S2', 4],
          ['C', 'S1', 'DK'],
        ],
      },
    ],
    {
      reasons: ['incomplete'],
      incomplete: { triggered: true, required: ['S1'], targets: [{ unit: 'B', missing: ['S1'] }] },
    },
  ],
  [
    'a peer rating its own agency: the dropped self-rating cannot make it incomplete',
    [
      {
        id: 'peer',
        group: 'peer',
        from: 'A',
        answers: [
          ['A', 'P2', 5],
          ['B', 'P1', 4],
        ],
      },
    ],
    { valid: true, incomplete: { triggered: false, required: ['P1'], targets: [] } },
  ],
  [
    'straightline: the one value and how many ratings',
    [
      {
        id: 'line',
        group: 'service',
        answers: [
          ['A', 'S1', 5],
          ['A', 'S2', 5],
          ['B', 'S1', 5],
        ],
      },
    ],
    {
      valid: false,
      reasons: ['straightline'],
      straightline: { triggered: true, invalidating: true, ratings: 3, minItems: 3, value: 5 },
    },
  ],
];

describe('explainValidity', () => {
  it.each(cases)('%s', (_name, specs, expected) => {
    const input = inputFrom(config, units, specs);
    const e = explainValidity(config, codes, input.responses, 0);
    expect(e).toMatchObject(expected);
    // the verdict is the rules' own, for every response
    const v = computeValidity(input);
    expect(e.reasons).toEqual(reasonCodes(v.reasons[0]!));
    expect(e.valid).toBe(v.valid[0] === 1);
  });

  it('duplicate: names the response that came first with the same key, and when', () => {
    const specs = [
      service('late', 'A', 4, 5, { key: 'k1', at: Date.parse('2024-05-02T09:00:00Z') }),
      service('early', 'B', 4, 5, { key: 'k1', at: Date.parse('2024-05-01T09:00:00Z') }),
      service('undated', 'C', 4, 5, { key: 'k1' }),
    ];
    const t = inputFrom(config, units, specs).responses;
    const at = ['2024-05-02T09:00:00Z', '2024-05-01T09:00:00Z', null];
    expect(explainValidity(config, codes, t, 0, at).duplicate).toEqual({
      triggered: true,
      firstResponseId: 'early',
      firstSubmittedAt: '2024-05-01T09:00:00Z',
      sharing: 3,
    });
    // the first one is not a duplicate, the undated one is
    expect(explainValidity(config, codes, t, 1, at).duplicate).toMatchObject({
      triggered: false,
      firstResponseId: null,
    });
    expect(explainValidity(config, codes, t, 2, at).duplicate.firstResponseId).toBe('early');
  });

  it('duplicate: keys only count within a group, and an empty key never', () => {
    const specs: ResponseSpec[] = [
      service('s', 'A', 4, 5, { key: 'k', at: 2 }),
      { id: 'p', group: 'peer', from: 'C', key: 'k', at: 1, answers: [['A', 'P1', 4]] },
      service('nokey', 'A', 4, 5, { at: 0 }),
    ];
    const t = inputFrom(config, units, specs).responses;
    expect(explainValidity(config, codes, t, 0).duplicate).toMatchObject({ triggered: false, sharing: 1 });
    expect(explainValidity(config, codes, t, 2).duplicate).toMatchObject({ triggered: false, sharing: 0 });
  });

  it('a straight line that only flags leaves the response valid', () => {
    const flagOnly = baseConfig({ validity: { straightlineMinItems: 2 } });
    const t = inputFrom(flagOnly, units, [service('f', 'A', 3, 3)]).responses;
    expect(explainValidity(flagOnly, codes, t, 0)).toMatchObject({
      valid: true,
      reasons: ['straightline'],
      straightline: { triggered: true, invalidating: false, ratings: 2, minItems: 2, value: 3 },
    });
  });
});
