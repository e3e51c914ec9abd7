/**
 * One survey response submitted as JSON (SPEC §4.7): POST /api/v1/assessments/{id}/responses.
 * The field names are the long-format columns of SPEC §4.3, so that a submitted response and
 * the same response in an imported file are one and the same (same checks, same content hash).
 */
import Type, { type Static } from 'typebox';

const Code = Type.String({ minLength: 1, maxLength: 128 });
const OptionalCode = Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Null()]));

export const SubmittedAnswer = Type.Object(
  {
    /** the agency rated; omitted or null only for a group that rates the evaluation firm */
    target_unit: OptionalCode,
    item: Code,
    value: Type.Union(
      [
        Type.Integer({ description: 'a rating 1..points' }),
        Type.String({ maxLength: 20_000, description: '"DK" (don\'t know), or the text of a text item' }),
      ],
      { description: 'an integer rating, "DK", or the text of a text item' },
    ),
  },
  { additionalProperties: false },
);
export type SubmittedAnswer = Static<typeof SubmittedAnswer>;

export const ResponseSubmission = Type.Object(
  {
    response_id: Code,
    channel: Type.String({ minLength: 1, maxLength: 32, description: 'phone | intercept | online | peer' }),
    group: Code,
    /** the rater's own agency (peer and cadre groups) */
    respondent_unit: OptionalCode,
    /** identifies a person (a hashed phone number, a token) */
    respondent_key: OptionalCode,
    duration_s: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
    submitted_at: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 64, description: 'ISO 8601; without an offset: Asia/Shanghai' }),
        Type.Null(),
      ]),
    ),
    answers: Type.Array(SubmittedAnswer, { minItems: 1, maxItems: 5000 }),
  },
  { additionalProperties: false },
);
export type ResponseSubmission = Static<typeof ResponseSubmission>;

/** What a stored response answers: 201 when this request stored it, 200 when it already was. */
export const SubmissionReceipt = Type.Object({
  assessment_id: Type.String(),
  response_id: Type.String(),
  /** the canonical content hash (SHA-256, base64url), the same as an import of the response computes */
  content_hash: Type.String(),
  /** when the response was stored (ISO 8601, UTC) */
  created_at: Type.String({ format: 'date-time' }),
});
export type SubmissionReceipt = Static<typeof SubmissionReceipt>;

export const SubmissionHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'a client-chosen key (printable ASCII): a retry with it stores the response once',
    }),
  ),
});

export const SubmissionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
