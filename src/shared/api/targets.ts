/**
 * 绩效目标: /api/v1/assessments/{id}/targets — the sheet with its live actuals and
 * self-evaluation, the sheet's replacement, expenditures, hand judgements and the files. The
 * sheet itself is validated by core/targets.ts (zod, strict), so its schema here is open.
 */
import Type from 'typebox';
import type { Expenditure, TargetSheet } from '../../core/targets.js';
import type { Judgement, LiveMetrics, SelfEvaluation } from '../../core/targets-evaluation.js';

export interface StoredExpenditureView extends Expenditure {
  id: number;
  createdAt: string;
  createdBy: string;
}

/** GET …/targets */
export interface TargetsResponse {
  sheet: TargetSheet;
  expenditures: StoredExpenditureView[];
  judgements: Judgement[];
  live: LiveMetrics;
  evaluation: SelfEvaluation;
  budget: number | null;
  spent: number;
  snapshotId: number | null;
  updatedAt: string;
  updatedBy: string;
}

export const TargetsResponseSchema = Type.Unsafe<TargetsResponse>({
  type: 'object',
  additionalProperties: true,
  description: 'the sheet, expenditures, judgements, live actuals and the self-evaluation',
});

export const AnyBody = Type.Unsafe<unknown>({ description: 'JSON, validated by the service' });

export const ExpenditureParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  eid: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }),
});

export const JudgementParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  indicator: Type.String({ minLength: 1, maxLength: 500 }),
});

export const JudgementBody = Type.Object(
  {
    actual: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    actualText: Type.Optional(Type.String({ maxLength: 2000 })),
    achieved: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    score: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()])),
    reason: Type.String({ maxLength: 5000 }),
  },
  { additionalProperties: false },
);

/** The files of GET …/targets/files/{name}. */
export const TARGET_FILES = [
  'form.xlsx',
  'form.docx',
  'form.json',
  'self-evaluation.xlsx',
  'self-evaluation.docx',
] as const;
export type TargetFileName = (typeof TARGET_FILES)[number];

export const TargetFileParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  name: Type.Unsafe<TargetFileName>({ type: 'string', enum: [...TARGET_FILES] }),
});
