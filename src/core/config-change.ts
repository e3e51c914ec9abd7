/**
 * Which stored answers a configuration would make invalid, or whose meaning it would change
 * (SPEC §4.1), from per-assessment usage statistics (how many answers use each group, item,
 * channel and value) rather than the answers themselves, so that the check costs the same at a
 * thousand answers as at millions. Changes that keep every stored answer valid are allowed; the
 * caller audits them with `configDiff`.
 *
 * Example: stored answers with values up to 5 and a new `scale.points` of 3 give
 * `{ field: 'scale.points', why: '5 → 3 would make 1,234 stored answers with values 4–5 invalid' }`.
 */
import type { AssessmentConfig } from './config.js';
import { VALUE_BLANK, VALUE_DK, VALUE_TEXT } from './response-table.js';

/** How many stored answers use one (group, item, channel, value). */
export interface AnswerUsage {
  group: string;
  item: string;
  channel: string;
  /** value code of response-table.ts */
  value: number;
  n: number;
}

export interface ChangeProblem {
  /** the field path in the new configuration */
  field: string;
  why: string;
  /** stored answers it touches */
  n: number;
}

const count = (n: number) => n.toLocaleString('en-US');
const answers = (n: number) => `${count(n)} stored answer${n === 1 ? '' : 's'}`;

/** Whether `value` is a valid stored value for an item of `type` on a `points`-point scale. */
function validValue(type: 'rating' | 'text', value: number, points: number): boolean {
  if (value === VALUE_BLANK) return true;
  if (type === 'text') return value === VALUE_TEXT;
  return value === VALUE_DK || (value >= 1 && value <= points);
}

interface Tally {
  field: string;
  n: number;
  describe: (n: number) => string;
  min?: number;
  max?: number;
}

/**
 * The problems `next` would cause for the stored answers in `usage`, the largest first; `prev`
 * (the configuration in force) words them ("5 → 3") and catches changes of meaning that leave
 * every value valid (a group switching between rating agencies and rating the firm).
 */
export function configChangeProblems(
  prev: AssessmentConfig,
  next: AssessmentConfig,
  usage: readonly AnswerUsage[],
): ChangeProblem[] {
  const groups = new Map(next.groups.map((g, i) => [g.code, { g, i }]));
  const items = new Map(next.items.map((it, i) => [it.code, { it, i }]));
  const prevItems = new Map(prev.items.map((it) => [it.code, it]));
  const tallies = new Map<string, Tally>();
  const tally = (key: string, field: string, n: number, describe: (n: number) => string, value?: number) => {
    const t = tallies.get(key) ?? { field, n: 0, describe };
    t.n += n;
    if (value !== undefined) {
      t.min = Math.min(t.min ?? value, value);
      t.max = Math.max(t.max ?? value, value);
    }
    tallies.set(key, t);
  };
  for (const u of usage) {
    if (u.n <= 0) continue;
    const g = groups.get(u.group);
    const it = items.get(u.item);
    if (!g) {
      tally(`g:${u.group}`, 'groups', u.n, (n) => `removing group "${u.group}" would orphan ${answers(n)}`);
    } else if (!g.g.channels.includes(u.channel as never)) {
      tally(
        `gc:${u.group}:${u.channel}`,
        `groups.${g.i}.channels`,
        u.n,
        (n) => `group "${u.group}" losing channel "${u.channel}" would make ${answers(n)} invalid`,
      );
    } else if (!it) {
      tally(`i:${u.item}`, 'items', u.n, (n) => `removing item "${u.item}" would orphan ${answers(n)}`);
    } else if (!it.it.groups.includes(u.group)) {
      tally(
        `ig:${u.item}:${u.group}`,
        `items.${it.i}.groups`,
        u.n,
        (n) => `moving item "${u.item}" out of group "${u.group}" would make ${answers(n)} invalid`,
      );
    } else if (!validValue(it.it.type, u.value, next.scale.points)) {
      const before = prevItems.get(u.item)?.type ?? it.it.type;
      if (before !== it.it.type) {
        tally(
          `it:${u.item}`,
          `items.${it.i}.type`,
          u.n,
          (n) => `${before} → ${it.it.type} for item "${u.item}" would change the meaning of ${answers(n)}`,
        );
      } else {
        tally('points', 'scale.points', u.n, () => '', u.value);
      }
    }
  }
  const problems = [...tallies.values()].map((t): ChangeProblem => {
    if (t.field !== 'scale.points') return { field: t.field, why: t.describe(t.n), n: t.n };
    const range = t.min === t.max ? `value ${t.min}` : `values ${t.min}–${t.max}`;
    return {
      field: t.field,
      why: `${prev.scale.points} → ${next.scale.points} would make ${answers(t.n)} with ${range} invalid`,
      n: t.n,
    };
  });
  const byGroup = new Map<string, number>();
  for (const u of usage) byGroup.set(u.group, (byGroup.get(u.group) ?? 0) + Math.max(0, u.n));
  for (const p of prev.groups) {
    const g = groups.get(p.code);
    const n = byGroup.get(p.code) ?? 0;
    if (g && n > 0 && (p.rates ?? null) !== (g.g.rates ?? null)) {
      problems.push({
        field: `groups.${g.i}.rates`,
        why: `group "${p.code}" switching between rating agencies and rating the firm would change the meaning of ${answers(n)}`,
        n,
      });
    }
  }
  return problems.sort((a, b) => b.n - a.n);
}

/** One changed leaf of a configuration, for the audit log. */
export interface ConfigChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** Groups and items keyed by code, so that reordering them is no change and paths name them. */
function keyed(c: AssessmentConfig): Record<string, unknown> {
  return {
    ...c,
    groups: Object.fromEntries(c.groups.map((g, i) => [g.code, { ...g, position: i }])),
    items: Object.fromEntries(c.items.map((it, i) => [it.code, { ...it, position: i }])),
  };
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function diff(before: unknown, after: unknown, path: string, out: ConfigChange[]): void {
  if (isPlain(before) && isPlain(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)]))
      diff(before[k], after[k], path === '' ? k : `${path}.${k}`, out);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path, before: before ?? null, after: after ?? null });
  }
}

/**
 * Every changed leaf between two configurations (groups and items by code; other arrays as a
 * whole), e.g. `[{ path: 'groups.peer.weight', before: 0.3, after: 0.35 }]`.
 */
export function configDiff(before: AssessmentConfig, after: AssessmentConfig): ConfigChange[] {
  const out: ConfigChange[] = [];
  diff(keyed(before), keyed(after), '', out);
  return out;
}
