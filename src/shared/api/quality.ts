/** 数据质量: why one stored response is (in)valid — GET …/responses/{responseId}/validity. */
import Type, { type Static } from 'typebox';

const Num = Type.Union([Type.Number(), Type.Null()]);
const Str = Type.Union([Type.String(), Type.Null()]);

export const ResponseValidityParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  responseId: Type.String({ minLength: 1, maxLength: 256 }),
});

export const ValidityExplanation = Type.Object({
  responseId: Type.String(),
  channel: Type.String(),
  group: Type.String(),
  submittedAt: Str,
  valid: Type.Boolean(),
  reasons: Type.Array(Type.String(), { description: 'as the rules decide them on the stored data now' }),
  tooFast: Type.Object({ triggered: Type.Boolean(), durationS: Num, minimumS: Num }),
  incomplete: Type.Object({
    triggered: Type.Boolean(),
    required: Type.Array(Type.String()),
    targets: Type.Array(
      Type.Object({
        unit: Str,
        unitName: Str,
        missing: Type.Array(Type.String()),
      }),
    ),
  }),
  duplicate: Type.Object({
    triggered: Type.Boolean(),
    firstResponseId: Str,
    firstSubmittedAt: Str,
    sharing: Type.Integer(),
  }),
  straightline: Type.Object({
    triggered: Type.Boolean(),
    invalidating: Type.Boolean(),
    ratings: Type.Integer(),
    minItems: Type.Integer(),
    value: Num,
  }),
});
export type ValidityExplanation = Static<typeof ValidityExplanation>;
