import { describe, expect, it } from 'vitest';
import { configChangeProblems, configDiff, type AnswerUsage } from './config-change.js';
import { parseAssessmentConfig, type AssessmentConfig } from './config.js';

const base = (): AssessmentConfig => {
  const r = parseAssessmentConfig({
    id: 'a',
    name: 'A',
    year: 2024,
    scale: { points: 5, scores: { 1: 20, 2: 40, 3: 60, 4: 80, 5: 100 }, satisfiedAtLeast: 3 },
    groups: [
      { code: 'service', weight: 0.5, channels: ['phone', 'intercept'] },
      { code: 'firm', channels: ['online'], rates: 'firm' },
    ],
    items: [
      { code: 'S1', text: 's1', type: 'rating', groups: ['service'] },
      { code: 'C1', text: 'c1', type: 'text', groups: ['service'] },
      { code: 'F1', text: 'f1', type: 'rating', groups: ['firm'] },
    ],
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const usage: AnswerUsage[] = [
  { group: 'service', item: 'S1', channel: 'phone', value: 5, n: 1200 },
  { group: 'service', item: 'S1', channel: 'phone', value: 4, n: 34 },
  { group: 'service', item: 'S1', channel: 'intercept', value: 2, n: 10 },
  { group: 'service', item: 'S1', channel: 'intercept', value: 0, n: 3 },
  { group: 'service', item: 'C1', channel: 'phone', value: 255, n: 7 },
  { group: 'service', item: 'C1', channel: 'phone', value: 254, n: 2 },
  { group: 'firm', item: 'F1', channel: 'online', value: 3, n: 5 },
];

type Edit = (c: AssessmentConfig) => void;
const cases: [string, Edit, { field: string; why: string }[]][] = [
  [
    'names, weights and texts',
    (c) => ((c.name = 'B'), (c.groups[0]!.weight = 1), (c.items[0]!.text = 'x')),
    [],
  ],
  [
    'more scale points, new scores, satisfiedAtLeast',
    (c) => (
      (c.scale.points = 7),
      (c.scale.scores = { ...c.scale.scores, 6: 110, 7: 120 }),
      (c.scale.satisfiedAtLeast = 4)
    ),
    [],
  ],
  [
    'a new item in a group',
    (c) => c.items.push({ code: 'S2', text: 's2', type: 'rating', groups: ['service'] }),
    [],
  ],
  [
    'fewer scale points',
    (c) => ((c.scale.points = 3), (c.scale.scores = { 1: 0, 2: 50, 3: 100 }), (c.scale.satisfiedAtLeast = 2)),
    [{ field: 'scale.points', why: '5 → 3 would make 1,234 stored answers with values 4–5 invalid' }],
  ],
  [
    'a rating item becoming text',
    (c) => (c.items[0]!.type = 'text'),
    [
      {
        field: 'items.0.type',
        why: 'rating → text for item "S1" would change the meaning of 1,247 stored answers',
      },
    ],
  ],
  [
    'a text item becoming a rating',
    (c) => (c.items[1]!.type = 'rating'),
    [
      {
        field: 'items.1.type',
        why: 'text → rating for item "C1" would change the meaning of 7 stored answers',
      },
    ],
  ],
  [
    'an item with answers removed',
    (c) => c.items.splice(1, 1),
    [{ field: 'items', why: 'removing item "C1" would orphan 9 stored answers' }],
  ],
  [
    'an item moved out of the group its answers use',
    (c) => (c.items[2]!.groups = ['service']),
    [
      {
        field: 'items.2.groups',
        why: 'moving item "F1" out of group "firm" would make 5 stored answers invalid',
      },
    ],
  ],
  [
    'a group losing a channel its responses use',
    (c) => (c.groups[0]!.channels = ['phone']),
    [
      {
        field: 'groups.0.channels',
        why: 'group "service" losing channel "intercept" would make 13 stored answers invalid',
      },
    ],
  ],
  [
    'a group with answers removed',
    (c) => ((c.groups = c.groups.slice(0, 1)), (c.items = c.items.slice(0, 2))),
    [{ field: 'groups', why: 'removing group "firm" would orphan 5 stored answers' }],
  ],
  [
    'a firm group becoming an agency group',
    (c) => (delete c.groups[1]!.rates, (c.groups[1]!.weight = 0.5)),
    [
      {
        field: 'groups.1.rates',
        why: 'group "firm" switching between rating agencies and rating the firm would change the meaning of 5 stored answers',
      },
    ],
  ],
];

describe('configChangeProblems', () => {
  it.each(cases)('%s', (_name, edit, expected) => {
    const next = structuredClone(base());
    edit(next);
    expect(configChangeProblems(base(), next, usage).map(({ field, why }) => ({ field, why }))).toEqual(
      expected,
    );
  });

  it('allows anything when nothing is stored', () => {
    const next = base();
    next.items = next.items.slice(0, 1);
    next.scale.points = 2;
    expect(configChangeProblems(base(), next, [])).toEqual([]);
  });
});

describe('configDiff', () => {
  it('lists changed leaves, groups and items by code', () => {
    const next = structuredClone(base());
    next.groups[0]!.weight = 0.6;
    next.items.reverse();
    next.items.push({ code: 'N', text: 'n', type: 'text', groups: ['service'] });
    const paths = configDiff(base(), next).map((c) => c.path);
    expect(paths).toEqual(['groups.service.weight', 'items.S1.position', 'items.F1.position', 'items.N']);
    expect(configDiff(base(), next)[0]).toEqual({ path: 'groups.service.weight', before: 0.5, after: 0.6 });
  });
});
