/**
 * Rectification (整改): /api/v1/assessments/{id}/rectification for the office (list, suggest,
 * create, edit, delete, accept, return) and /api/v1/assessments/{id}/units/{unit}/rectification
 * for the agency (its own items, and its answers).
 */
import Type, { type Static } from 'typebox';

export const RECTIFICATION_STATUS = ['open', 'answered', 'accepted', 'returned'] as const;
const Status = Type.Enum(RECTIFICATION_STATUS, {
  description: 'open 待反馈 · answered 已反馈 · accepted 已通过 · returned 退回',
});
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Basis = Type.String({ maxLength: 2000 });
const Text = Type.String({ maxLength: 4000 });

export const RectificationItem = Type.Object({
  id: Type.Integer(),
  unitCode: Type.String(),
  unitName: Type.String(),
  title: Type.String(),
  basis: Type.String(),
  source: Type.Enum(['suggested', 'manual']),
  status: Status,
  measures: Nullable(Type.String()),
  dueDate: Nullable(Type.String({ description: 'YYYY-MM-DD' })),
  answeredAt: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Type.String(),
  updatedAt: Type.String(),
});
export type RectificationItem = Static<typeof RectificationItem>;

export const RectificationSummary = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  total: Type.Integer(),
  open: Type.Integer(),
  answered: Type.Integer(),
  accepted: Type.Integer(),
  returned: Type.Integer(),
});
export type RectificationSummary = Static<typeof RectificationSummary>;

export const RectificationList = Type.Object({
  items: Type.Array(RectificationItem),
  /** one row per agency of the assessment (the agency's own for an agency viewer), zeros included */
  summary: Type.Array(RectificationSummary),
});
export type RectificationList = Static<typeof RectificationList>;

export const RectificationItemParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  rid: Type.String({ pattern: '^[0-9]{1,12}$' }),
});
export const UnitRectificationItemParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  unit: Type.String({ minLength: 1, maxLength: 128 }),
  rid: Type.String({ pattern: '^[0-9]{1,12}$' }),
});

export const NewRectificationItem = Type.Object(
  {
    unitCode: Type.String({ minLength: 1, maxLength: 128 }),
    title: Title,
    basis: Type.Optional(Basis),
    source: Type.Optional(Type.Enum(['suggested', 'manual'], { description: 'default manual' })),
  },
  { additionalProperties: false },
);
export type NewRectificationItem = Static<typeof NewRectificationItem>;

export const CreateRectificationBody = Type.Object(
  { items: Type.Array(NewRectificationItem, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
export type CreateRectificationBody = Static<typeof CreateRectificationBody>;

export const CreatedRectification = Type.Object({ items: Type.Array(RectificationItem) });

export const EditRectificationBody = Type.Object(
  { title: Type.Optional(Title), basis: Type.Optional(Basis) },
  { additionalProperties: false },
);
export type EditRectificationBody = Static<typeof EditRectificationBody>;

export const ReviewBody = Type.Object(
  { note: Type.Optional(Text) },
  { additionalProperties: false, description: 'a return needs a note saying what is missing' },
);
export type ReviewBody = Static<typeof ReviewBody>;

export const AnswerBody = Type.Object(
  {
    measures: Type.String({ minLength: 1, maxLength: 4000, description: '整改措施' }),
    dueDate: Type.String({ minLength: 1, maxLength: 32, description: '完成时限, YYYY-MM-DD' }),
  },
  { additionalProperties: false },
);
export type AnswerBody = Static<typeof AnswerBody>;

export const SuggestQuery = Type.Object(
  {
    weakest: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,2}$', description: 'largest gaps per agency (3)' }),
    ),
    keywords: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}$', description: 'keywords per agency (3)' })),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'one agency only' })),
  },
  { additionalProperties: false },
);

export const RectificationSuggestion = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  title: Type.String(),
  basis: Type.String(),
  reasons: Type.Array(Type.Enum(['below_mean', 'below_satisfied', 'keyword'])),
  key: Type.String(),
  /** an item of this agency already has this title */
  exists: Type.Boolean(),
});
export type RectificationSuggestion = Static<typeof RectificationSuggestion>;

export const SuggestionList = Type.Object({
  snapshot: Type.Object({ id: Type.Integer(), published: Type.Boolean(), createdAt: Type.String() }),
  suggestions: Type.Array(RectificationSuggestion),
});
export type SuggestionList = Static<typeof SuggestionList>;
