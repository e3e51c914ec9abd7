/** Assessments and their agencies: /api/v1/assessments. */
import Type, { type Static } from 'typebox';

export const AssessmentSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  year: Type.Integer(),
});
export type AssessmentSummary = Static<typeof AssessmentSummary>;

export const AssessmentList = Type.Object({ assessments: Type.Array(AssessmentSummary) });

export const Unit = Type.Object({
  code: Type.String(),
  name: Type.String(),
  category: Type.String(),
  hasWindow: Type.Boolean(),
});
export type Unit = Static<typeof Unit>;

export const AssessmentDetail = Type.Object({
  assessment: AssessmentSummary,
  /** an agency viewer sees its own agency only */
  units: Type.Array(Unit),
});
export type AssessmentDetail = Static<typeof AssessmentDetail>;

export const AssessmentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
export const UnitParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  unit: Type.String({ minLength: 1, maxLength: 128 }),
});
