/**
 * Rectification (整改) items: the status machine and who may move an item along it.
 *
 *   待反馈 open ──answer──▶ 已反馈 answered ──accept──▶ 已通过 accepted (final)
 *                               ▲  │ └──return──▶ 退回 returned ──answer──┐
 *                               │  └─answer (a revision before review)    │
 *                               └─────────────────────────────────────────┘
 *
 * The office (admin, analyst) creates, edits, deletes and reviews items; the agency viewer
 * answers them. An accepted item is the closed record of a rectification: nothing changes it.
 * Pure: the services turn a refusal into the right HTTP error.
 */
import type { Role } from '../shared/roles.js';

export const RECTIFICATION_STATUSES = ['open', 'answered', 'accepted', 'returned'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** The office's own words for the statuses (UX.md §Console 8). */
export const STATUS_LABELS: Readonly<Record<RectificationStatus, string>> = {
  open: '待反馈',
  answered: '已反馈',
  accepted: '已通过',
  returned: '退回',
};

export type RectificationAction = 'edit' | 'delete' | 'answer' | 'accept' | 'return';
/** Who acts on an item: the assessment office (and its evaluation firm) or the agency. */
export type RectificationParty = 'office' | 'agency';

interface Rule {
  party: RectificationParty;
  from: readonly RectificationStatus[];
  /** the status after the action; null: the item is gone (delete) or keeps its status (edit) */
  to: RectificationStatus | null;
}

const NOT_ACCEPTED: readonly RectificationStatus[] = ['open', 'answered', 'returned'];

export const TRANSITIONS: Readonly<Record<RectificationAction, Rule>> = {
  edit: { party: 'office', from: NOT_ACCEPTED, to: null },
  delete: { party: 'office', from: NOT_ACCEPTED, to: null },
  answer: { party: 'agency', from: NOT_ACCEPTED, to: 'answered' },
  accept: { party: 'office', from: ['answered'], to: 'accepted' },
  return: { party: 'office', from: ['answered'], to: 'returned' },
};

/** The party a role acts as, or null for roles with no part in rectification. */
export function partyOf(role: Role): RectificationParty | null {
  if (role === 'admin' || role === 'analyst') return 'office';
  if (role === 'agency') return 'agency';
  return null;
}

export type TransitionResult =
  { ok: true; status: RectificationStatus } | { ok: false; reason: 'party' | 'status'; why: string };

/** Whether `party` may do `action` on an item in `status`, and the status it then has. */
export function transition(
  status: RectificationStatus,
  action: RectificationAction,
  party: RectificationParty,
): TransitionResult {
  const rule = TRANSITIONS[action];
  if (rule.party !== party)
    return {
      ok: false,
      reason: 'party',
      why: `only the ${rule.party === 'office' ? 'assessment office' : 'agency'} may ${action} a rectification item`,
    };
  if (!rule.from.includes(status))
    return {
      ok: false,
      reason: 'status',
      why: `an item that is ${status} (${STATUS_LABELS[status]}) cannot be ${PAST[action]}; allowed from ${rule.from.join(', ')}`,
    };
  return { ok: true, status: rule.to ?? status };
}

const PAST: Record<RectificationAction, string> = {
  edit: 'edited',
  delete: 'deleted',
  answer: 'answered',
  accept: 'accepted',
  return: 'returned',
};

export const isStatus = (s: string): s is RectificationStatus =>
  (RECTIFICATION_STATUSES as readonly string[]).includes(s);

/** Items per status, every status present (0 when none). */
export function countByStatus(statuses: Iterable<RectificationStatus>): Record<RectificationStatus, number> {
  const c: Record<RectificationStatus, number> = { open: 0, answered: 0, accepted: 0, returned: 0 };
  for (const s of statuses) c[s] += 1;
  return c;
}

/**
 * A due date as the agency gives it: a real calendar day `YYYY-MM-DD` (2026-02-30 is not).
 * Returns why not, or null when it is one.
 */
export function dueDateProblem(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return 'a date as YYYY-MM-DD, e.g. 2026-06-30';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d)
    return `${s} is not a calendar day`;
  return null;
}
