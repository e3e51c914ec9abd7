import { describe, expect, it } from 'vitest';
import {
  REASON_DUPLICATE,
  REASON_INCOMPLETE,
  REASON_STRAIGHTLINE,
  REASON_TOO_FAST,
} from './analysis-types.js';
import {
  baseConfig,
  configFrom,
  inputFrom,
  service,
  unitsFrom,
  type ResponseSpec,
} from '../../test/support/scoring.js';
import { computeValidity, reasonCodes } from './validity.js';

const units = unitsFrom('ABC');

function check(specs: ResponseSpec[], config = baseConfig()): { valid: number[]; reasons: string[][] } {
  const v = computeValidity(inputFrom(config, units, specs));
  return { valid: [...v.valid], reasons: [...v.reasons].map(reasonCodes) };
}

describe('reasonCodes', () => {
  it('lists codes in the order of SPEC §4.6', () => {
    expect(reasonCodes(REASON_STRAIGHTLINE | REASON_INCOMPLETE | REASON_DUPLICATE | REASON_TOO_FAST)).toEqual(
      ['incomplete', 'too_fast', 'duplicate', 'straightline'],
    );
    expect(reasonCodes(0)).toEqual([]);
  });
});

describe('incomplete', () => {
  it('needs an answer to every required item for every rated target; DK and text count', () => {
    const r = check([
      service('ok', 'A', 4, 5),
      service('dk', 'A', 'DK', 'DK'),
      service('blank', 'A', 'BLANK', 5),
      { id: 'absent', group: 'service', answers: [['A', 'S2', 4]] },
      // rated B fully, C only with a blank row: C counts as rated and lacks S1
      {
        id: 'two-targets',
        group: 'service',
        answers: [
          ['B', 'S1', 3],
          ['C', 'S2', 'BLANK'],
        ],
      },
      { id: 'no-rows', group: 'service', answers: [] },
    ]);
    expect(r.reasons).toEqual([[], [], ['incomplete'], ['incomplete'], ['incomplete'], []]);
    expect(r.valid).toEqual([1, 1, 0, 0, 0, 1]);
  });

  it('treats a required text item as answered by a text', () => {
    const config = configFrom({
      groups: [{ code: 'public', name: 'p', weight: 1, channels: ['online'] }],
      items: [
        { code: 'Q1', text: 'q', type: 'rating', groups: ['public'] },
        { code: 'T1', text: 't', type: 'text', groups: ['public'], required: true },
      ],
    });
    const r = check(
      [
        {
          id: 'text',
          group: 'public',
          answers: [
            ['A', 'Q1', 4],
            ['A', 'T1', 'TEXT'],
          ],
        },
        {
          id: 'no-text',
          group: 'public',
          answers: [
            ['A', 'Q1', 4],
            ['A', 'T1', 'BLANK'],
          ],
        },
      ],
      config,
    );
    expect(r.reasons).toEqual([[], ['incomplete']]);
  });

  it('ignores self-ratings, and applies to firm groups (target −1)', () => {
    const config = configFrom({
      groups: [
        { code: 'peer', name: 'p', weight: 1, channels: ['peer'], excludeSelf: true },
        { code: 'firm', name: 'f', channels: ['online'], rates: 'firm' },
      ],
      items: [
        { code: 'P1', text: 'p', type: 'rating', groups: ['peer'], required: true },
        { code: 'F1', text: 'f', type: 'rating', groups: ['firm'], required: true },
        { code: 'F2', text: 'f', type: 'rating', groups: ['firm'] },
      ],
    });
    const r = check(
      [
        // own agency A left blank: dropped, so not incomplete
        {
          id: 'peer-self-blank',
          group: 'peer',
          from: 'A',
          answers: [
            ['A', 'P1', 'BLANK'],
            ['B', 'P1', 4],
          ],
        },
        { id: 'firm-ok', group: 'firm', answers: [['', 'F1', 5]] },
        { id: 'firm-missing', group: 'firm', answers: [['', 'F2', 5]] },
      ],
      config,
    );
    expect(r.reasons).toEqual([[], [], ['incomplete']]);
  });
});

describe('too_fast', () => {
  const config = baseConfig({ validity: { minDurationSeconds: { phone: 60, intercept: 30 } } });
  it('is strict, skips empty durations and channels without a minimum', () => {
    const r = check(
      [
        service('59', 'A', 4, 4, { duration: 59.9 }),
        service('60', 'A', 4, 4, { duration: 60 }),
        service('empty', 'A', 4, 4, { duration: null }),
        service('intercept', 'A', 4, 4, { channel: 'intercept', duration: 45 }),
        service('intercept-fast', 'A', 4, 4, { channel: 'intercept', duration: 29 }),
        { id: 'peer', group: 'peer', from: 'B', duration: 1, answers: [['A', 'P1', 3]] },
      ],
      config,
    );
    expect(r.reasons).toEqual([['too_fast'], [], [], [], ['too_fast'], []]);
    expect(r.valid).toEqual([0, 1, 1, 1, 0, 1]);
  });
});

describe('duplicate', () => {
  it('keeps the earliest response per key within a group', () => {
    const r = check([
      service('r1', 'A', 4, 4, { key: 'k', at: 2000 }),
      service('r2', 'B', 4, 4, { key: 'k', at: 1000 }), // earliest: first
      service('r3', 'C', 4, 4, { key: 'k', at: null }), // empty date: last
      service('r4', 'A', 4, 4, { key: '', at: 1 }), // no key: never a duplicate
      service('r5', 'A', 4, 4, { key: '', at: 1 }),
      { id: 'p1', group: 'peer', from: 'B', key: 'k', at: 0, answers: [['A', 'P1', 3]] }, // other group
    ]);
    expect(r.reasons).toEqual([['duplicate'], [], ['duplicate'], [], [], []]);
  });

  it('breaks ties by the smaller response_id, also among empty dates', () => {
    const r = check([
      service('b', 'A', 4, 4, { key: 'k', at: 5 }),
      service('a', 'A', 4, 4, { key: 'k', at: 5 }),
      service('y', 'A', 4, 4, { key: 'z' }),
      service('x', 'A', 4, 4, { key: 'z' }),
      service('B', 'A', 4, 4, { key: 'q' }), // 'B' < 'a' in code-unit order
      service('a2', 'A', 4, 4, { key: 'q' }),
    ]);
    expect(r.reasons).toEqual([['duplicate'], [], ['duplicate'], [], [], ['duplicate']]);
  });

  it('counts an invalid first response as first', () => {
    const r = check(
      [
        service('late', 'A', 4, 4, { key: 'k', at: 9 }),
        service('early-fast', 'A', 4, 4, { key: 'k', at: 1, duration: 5 }),
      ],
      baseConfig({ validity: { minDurationSeconds: { phone: 60 } } }),
    );
    expect(r.reasons).toEqual([['duplicate'], ['too_fast']]);
    expect(r.valid).toEqual([0, 0]);
  });

  it('groups many copies of one key and keeps distinct keys apart', () => {
    const specs: ResponseSpec[] = [];
    for (let i = 0; i < 50; i++)
      specs.push(service(`r${String(i).padStart(2, '0')}`, 'A', 4, 4, { key: `k${i % 7}`, at: 100 - i }));
    const r = check(specs);
    // per key k_j the latest index i (smallest at) comes first
    const firsts = new Set([43, 44, 45, 46, 47, 48, 49]);
    r.reasons.forEach((codes, i) => expect(codes).toEqual(firsts.has(i) ? [] : ['duplicate']));
  });
});

describe('straightline', () => {
  const config = (invalid: boolean, min = 3): ReturnType<typeof baseConfig> =>
    baseConfig({ validity: { straightlineMinItems: min, straightlineInvalid: invalid } });
  const peer = (id: string, from: string, values: [string, number | 'DK'][]): ResponseSpec => ({
    id,
    group: 'peer',
    from,
    answers: values.map(([t, v]): [string, string, number | 'DK'] => [t, 'P1', v]),
  });

  it('flags at least straightlineMinItems equal ratings over all targets, DK not counted', () => {
    const r = check(
      [
        peer('same3', 'A', [
          ['B', 4],
          ['C', 4],
          ['B', 4],
        ]),
        peer('same2+dk', 'A', [
          ['B', 4],
          ['C', 'DK'],
          ['B', 4],
        ]),
        peer('differ', 'A', [
          ['B', 4],
          ['C', 5],
          ['B', 4],
        ]),
        // the self-rating (A by A) is dropped: only two ratings remain
        peer('self', 'A', [
          ['A', 4],
          ['B', 4],
          ['C', 4],
        ]),
      ],
      config(false),
    );
    expect(r.reasons).toEqual([['straightline'], [], [], []]);
    expect(r.valid).toEqual([1, 1, 1, 1]);
  });

  it('invalidates only when configured, and is not checked without straightlineMinItems', () => {
    const specs = [service('s', 'A', 2, 2)];
    expect(check(specs, config(true, 2))).toEqual({ valid: [0], reasons: [['straightline']] });
    expect(check(specs, config(false, 2))).toEqual({ valid: [1], reasons: [['straightline']] });
    expect(check(specs, baseConfig())).toEqual({ valid: [1], reasons: [[]] });
  });

  it('combines with other reasons in order', () => {
    const r = check(
      [service('s', 'A', 'BLANK', 2, { duration: 1 }), service('t', 'A', 2, 2, { duration: 1 })],
      baseConfig({
        validity: { minDurationSeconds: { phone: 60 }, straightlineMinItems: 2, straightlineInvalid: true },
      }),
    );
    expect(r.reasons).toEqual([
      ['incomplete', 'too_fast'],
      ['too_fast', 'straightline'],
    ]);
  });
});

describe('many required items', () => {
  it('tracks more than 30 required items per group', () => {
    const items = Array.from({ length: 40 }, (_, k) => ({
      code: `Q${k}`,
      text: 'q',
      type: 'rating',
      groups: ['public'],
      required: true,
    }));
    const config = configFrom({
      groups: [{ code: 'public', name: 'p', weight: 1, channels: ['online'] }],
      items,
    });
    const all = items.map((it, k): [string, string, number] => ['A', it.code, 1 + (k % 5)]);
    const r = check(
      [
        { id: 'full', group: 'public', answers: all },
        { id: 'one-missing', group: 'public', answers: all.slice(0, 39) },
      ],
      config,
    );
    expect(r.reasons).toEqual([[], ['incomplete']]);
  });
});
