/**
 * 实施进度 — fieldwork progress: GET /api/v1/assessments/{id}/progress and its live stream
 * …/progress/events (server-sent events, one `progress` event with this body whenever it
 * changes). The counts are of stored responses, before validation: the valid sample
 * (有效样本) is known after the analysis only.
 */
import Type, { type Static } from 'typebox';

export const PROGRESS_STATUSES = ['met', 'on_track', 'behind'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Status = Nullable(Type.Enum(PROGRESS_STATUSES));

export const ChannelProgress = Type.Object({
  channel: Type.String(),
  /** stored responses of the channel's agency groups */
  responses: Type.Integer(),
  /**
   * what the target is about: with a per-agency quota the ratings of agencies (responses × the
   * agencies each rated), else the responses
   */
  stored: Type.Integer(),
  /** what counts towards the target: per agency at most its quota (perUnit), at most the total */
  towardTarget: Type.Integer(),
  target: Nullable(Type.Integer()),
  quota: Nullable(Type.Enum(['perUnit', 'total'])),
  perUnit: Nullable(Type.Integer()),
  /** the schedule window as configured */
  window: Nullable(Type.Object({ start: Nullable(Type.String()), end: Nullable(Type.String()) })),
  /** the share of the window elapsed, 0–1; null without a usable window */
  elapsed: Nullable(Type.Number()),
  status: Status,
});
export type ChannelProgress = Static<typeof ChannelProgress>;

export const UnitCell = Type.Object({
  n: Type.Integer(),
  target: Nullable(Type.Integer()),
  status: Status,
});
export type UnitCell = Static<typeof UnitCell>;

export const UnitProgress = Type.Object({
  code: Type.String(),
  name: Type.String(),
  category: Type.String(),
  /** channel → cell, for every channel of `channels` */
  cells: Type.Record(Type.String(), UnitCell),
});
export type UnitProgress = Static<typeof UnitProgress>;

export const FirmProgress = Type.Object({
  /** stored responses of the firm groups (rates: "firm") */
  responses: Type.Integer(),
  /** firm_satisfaction_rate of the newest results snapshot, 0–1 */
  satisfactionRate: Nullable(Type.Number()),
  snapshot: Nullable(
    Type.Object({ id: Type.Integer(), createdAt: Type.String(), ageSeconds: Type.Number() }),
  ),
});

export const Progress = Type.Object({
  assessmentId: Type.String(),
  computedAt: Type.String(),
  /** every response stored, each once (agency and firm groups) */
  responses: Type.Integer(),
  /** all channels with a target together: for a progress bar per assessment */
  total: Type.Object({ towardTarget: Type.Integer(), target: Nullable(Type.Integer()) }),
  channels: Type.Array(ChannelProgress),
  units: Type.Array(UnitProgress),
  /** null when the configuration has no firm group */
  firm: Nullable(FirmProgress),
});
export type Progress = Static<typeof Progress>;
