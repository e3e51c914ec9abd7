/**
 * 市级机关互评 (mutual evaluation): in the last two weeks of December, several raters of every
 * agency each fill in a ballot grid of all other agencies × the peer items.
 */
import type { Rng } from '../random.js';
import { PEER_COMMENTS } from './comments.js';
import {
  clamp,
  HOUR,
  instant,
  rateTarget,
  respondentKey,
  SECOND,
  workday,
  type Answer,
  type DemoResponse,
} from './model.js';
import { commentItem, ratingItems } from './questionnaire.js';
import type { UnitPlan } from './service.js';

const PEER_ITEMS = ratingItems('peer');

/** How many ballots carry each flaw (drawn among all raters). */
const FLAWS = { straight: 3, self: 5, incomplete: 3, duplicate: 2 } as const;

export function peerResponses(
  rng: Rng,
  units: readonly UnitPlan[],
  raters: readonly [number, number],
): DemoResponse[] {
  const peerLevel = units.map((u) => 0.28 + 0.6 * u.level);
  const perUnit = units.map(() => rng.int(raters[0], raters[1]));
  const ballots = units.flatMap((u, ui) =>
    Array.from({ length: perUnit[ui] ?? 0 }, (_, k) => ({ u, ui, k })),
  );
  const order = rng.shuffle(ballots.map((_, i) => i));
  let at = 0;
  const take = (n: number): Set<number> => new Set(order.slice(at, (at += Math.min(n, order.length - at))));
  const straightSet = take(FLAWS.straight);
  const selfSet = take(FLAWS.self);
  const duplicateSet = take(FLAWS.duplicate);
  // incomplete ballots come from extra raters, so that every agency keeps its valid raters
  const incompleteSet = new Set<number>();
  for (let j = 0; j < FLAWS.incomplete && units.length > 1; j++) {
    const ui = rng.int(0, units.length - 1);
    incompleteSet.add(ballots.length);
    ballots.push({ u: units[ui] as UnitPlan, ui, k: (perUnit[ui] ?? 0) + j });
  }
  const comment = commentItem('peer').code;

  const ballot = (
    rater: UnitPlan,
    ri: number,
    straight: boolean,
    self: boolean,
    incomplete: boolean,
  ): Answer[] => {
    const bias = rng.normal(0.02, 0.1);
    const answers: Answer[] = [];
    const targets = units.map((_, i) => i).filter((i) => i !== ri || self);
    const others = targets.filter((i) => i !== ri);
    const omitAt = incomplete && others.length > 0 ? rng.pick(others) : -1;
    for (const ti of targets) {
      const t = units[ti] as UnitPlan;
      if (straight) answers.push(...rateTarget(rng, t.code, PEER_ITEMS, 1, { straight: 5 }));
      else if (ti === ri) answers.push(...rateTarget(rng, t.code, PEER_ITEMS, 0.97, { dkFactor: 0 }));
      else if (ti !== omitAt && rng.bool(0.03)) {
        // an agency the rater does not know: 不了解 throughout
        for (const it of PEER_ITEMS) answers.push({ target: t.code, item: it.code, value: 'DK' });
      } else {
        const p = (peerLevel[ti] ?? 0.7) + bias + rng.normal(0, 0.1);
        answers.push(...rateTarget(rng, t.code, PEER_ITEMS, p, ti === omitAt ? { omit: 1 } : {}));
      }
    }
    if (rng.bool(0.08) && targets.length > 0) {
      const ti = rng.pick(targets);
      answers.push({ target: (units[ti] as UnitPlan).code, item: comment, value: rng.pick(PEER_COMMENTS) });
    }
    return answers;
  };

  const out: DemoResponse[] = [];
  ballots.forEach(({ u, ui, k }, i) => {
    const r: DemoResponse = {
      prefix: 'M',
      channel: 'peer',
      group: 'peer',
      respondentUnit: u.code,
      respondentKey: respondentKey(`peer:${u.code}:${k}`),
      durationS: Math.round(clamp(rng.normal(1500, 500), 300, 5400)),
      submittedMs: instant(rng, 2020, [12, 17], [12, 30], [9, 18], workday),
      answers: ballot(u, ui, straightSet.has(i), selfSet.has(i), incompleteSet.has(i)),
    };
    out.push(r);
    if (duplicateSet.has(i)) {
      // the same access code used again a few hours later
      out.push({
        ...r,
        durationS: Math.round(clamp(rng.normal(1200, 400), 300, 5400)),
        submittedMs: r.submittedMs + rng.int(1, 5) * HOUR + rng.int(0, 3599) * SECOND,
        answers: ballot(u, ui, false, false, false),
      });
    }
  });
  return out;
}
