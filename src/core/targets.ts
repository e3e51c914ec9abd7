/**
 * 绩效目标申报表 — the performance-target sheet (SPEC §4.8), the layout of
 * fixtures/suzhou-2021-targets.json. Every object is strict: an unknown key is an error naming
 * its path, as in core/config.ts.
 */
import { z } from 'zod';
import type { ParseResult } from './config.js';

/** The live figures an indicator may be bound to (SPEC §4.8). */
export const TARGET_METRICS = [
  'responses_valid',
  'valid_phone',
  'valid_intercept',
  'valid_online',
  'valid_peer',
  'units_surveyed',
  'units_reported',
  'overall_satisfaction_rate',
  'firm_satisfaction_rate',
  'budget_execution_rate',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export const OPERATORS = ['>=', '<=', '=', 'qualitative'] as const;
export type Operator = (typeof OPERATORS)[number];

/** The four parts of the self-evaluation (绩效自评). */
export const EVALUATION_PARTS = ['budget', 'outputs', 'effects', 'satisfaction'] as const;
export type EvaluationPart = (typeof EVALUATION_PARTS)[number];

const amount = z.number().finite().nullable();
const text = z.string();

const previousYearSchema = z.strictObject({
  budget: amount,
  allocated: amount,
  spent: amount,
  fundsArrivalRate: amount,
  budgetExecutionRate: amount,
});

const projectSchema = z.strictObject({
  unitCode: text.default(''),
  unitName: text.default(''),
  name: z.string().min(1, 'the project needs a name'),
  type: text.default(''),
  attribute: text.default(''),
  governmentProcurement: z.boolean().default(false),
  governmentPurchasedService: z.boolean().default(false),
  manager: text.default(''),
  contact: text.default(''),
  phone: text.default(''),
  year: z.number().int().min(1900).max(2200),
  amountUnit: text.default('万元'),
  overview: text.default(''),
  basis: text.default(''),
  necessity: text.default(''),
  safeguards: text.default(''),
  previousYear: previousYearSchema.default({
    budget: null,
    allocated: null,
    spent: null,
    fundsArrivalRate: null,
    budgetExecutionRate: null,
  }),
  subProjects: z
    .array(z.strictObject({ name: z.string().min(1), amount: z.number().finite().nonnegative() }))
    .default([]),
  fundSources: z
    .array(
      z.strictObject({ source: z.string().min(1), total: amount, previousYear: amount, planned: amount }),
    )
    .default([]),
  plan: text.default(''),
  overallGoal: text.default(''),
  annualGoal: text.default(''),
});

const indicatorSchema = z
  .strictObject({
    level1: z.string().min(1),
    level2: text.default(''),
    subProject: text.default(''),
    name: z.string().min(1),
    operator: z.enum(OPERATORS),
    target: z.number().finite().nullable(),
    unit: text.default(''),
    targetText: text.default(''),
    explanation: text.default(''),
    source: text.default(''),
    metric: z.enum(TARGET_METRICS).optional(),
  })
  .superRefine((ind, ctx) => {
    if (ind.operator === 'qualitative') {
      if (ind.target !== null)
        ctx.addIssue({
          code: 'custom',
          path: ['target'],
          message: 'a qualitative indicator has target null',
        });
      if (ind.metric !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['metric'],
          message: 'a qualitative indicator cannot be bound',
        });
    } else if (ind.target === null) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: `operator ${ind.operator} needs a number` });
    }
  });

export const expenditureSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  subProject: text.default(''),
  amount: z.number().finite(),
  note: text.default(''),
});

const weightsSchema = z.strictObject({
  budget: z.number().finite().nonnegative(),
  outputs: z.number().finite().nonnegative(),
  effects: z.number().finite().nonnegative(),
  satisfaction: z.number().finite().nonnegative(),
});

export const targetSheetSchema = z
  .strictObject({
    form: text.default('绩效目标申报表'),
    project: projectSchema,
    indicators: z.array(indicatorSchema),
    expenditures: z.array(expenditureSchema).default([]),
    /** self-evaluation weights (default 10/50/30/10, 财预〔2020〕10号) */
    weights: weightsSchema.optional(),
  })
  .superRefine((s, ctx) => {
    // hand judgements are keyed by the indicator's name: names are unique
    const seen = new Set<string>();
    s.indicators.forEach((ind, i) => {
      if (seen.has(ind.name))
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'name'],
          message: `duplicate indicator "${ind.name}"`,
        });
      seen.add(ind.name);
    });
    const subs = new Set(s.project.subProjects.map((p) => p.name));
    s.expenditures.forEach((e, i) => {
      if (e.subProject !== '' && !subs.has(e.subProject))
        ctx.addIssue({
          code: 'custom',
          path: ['expenditures', i, 'subProject'],
          message: `unknown sub-project "${e.subProject}"`,
        });
    });
  });

export type TargetSheet = z.infer<typeof targetSheetSchema>;
export type TargetProject = TargetSheet['project'];
export type TargetIndicator = TargetSheet['indicators'][number];
export type Expenditure = z.infer<typeof expenditureSchema>;
export type EvaluationWeights = z.infer<typeof weightsSchema>;

export const DEFAULT_WEIGHTS: EvaluationWeights = { budget: 10, outputs: 50, effects: 30, satisfaction: 10 };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid target sheet';
  const path = issue.path.map(String).join('.') || '(root)';
  const keys = 'keys' in issue && Array.isArray(issue.keys) ? `: ${issue.keys.join(', ')}` : '';
  return `${path}: ${issue.message}${keys}`;
}

/** Parses and validates a target sheet; the error names the first offending field path. */
export function parseTargetSheet(input: unknown): ParseResult<TargetSheet> {
  const r = targetSheetSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: firstIssue(r.error) };
}

/** Parses one expenditure row (the console's form, the API). */
export function parseExpenditure(input: unknown): ParseResult<Expenditure> {
  const r = expenditureSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: firstIssue(r.error) };
}
