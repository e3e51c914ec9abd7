/**
 * Assessment configuration (考评方案), SPEC §4.1. Unknown keys are errors, not ignored:
 * every object schema is strict.
 */
import { z } from 'zod';

export const CHANNELS = ['phone', 'intercept', 'online', 'peer'] as const;
export type Channel = (typeof CHANNELS)[number];

const nonNegative = z.number().finite().nonnegative();

const trimSchema = z.union([
  z.strictObject({ count: z.number().int().nonnegative() }),
  z.strictObject({ fraction: z.number().min(0).lt(0.5) }),
]);

const groupSchema = z
  .strictObject({
    code: z.string().min(1),
    name: z.string().optional(),
    nameEn: z.string().optional(),
    weight: nonNegative.optional(),
    channels: z.array(z.enum(CHANNELS)).min(1),
    minN: z.number().int().nonnegative().optional(),
    trim: trimSchema.optional(),
    excludeSelf: z.boolean().optional(),
    /** `"firm"`: the group rates the evaluation firm itself (对第三方评估机构的满意度). */
    rates: z.literal('firm').optional(),
  })
  .superRefine((g, ctx) => {
    if (g.rates !== 'firm' && g.weight === undefined) {
      ctx.addIssue({ code: 'custom', path: ['weight'], message: 'required for an agency group' });
    }
  });

const itemSchema = z.strictObject({
  code: z.string().min(1),
  text: z.string().min(1),
  textEn: z.string().optional(),
  type: z.enum(['rating', 'text']),
  groups: z.array(z.string().min(1)).min(1),
  required: z.boolean().optional(),
  /** 维度 — the dimension the item measures (efficiency, attitude, …), for reports. */
  dimension: z.string().optional(),
});

const gradeSchema = z.strictObject({
  grade: z.string().min(1),
  minTotal: z.number().finite(),
  maxShare: z.number().min(0).max(1).optional(),
});

const quotaSchema = z.strictObject({
  perUnit: z.number().int().nonnegative().optional(),
  total: z.number().int().nonnegative().optional(),
});

export const assessmentConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64'),
    name: z.string().min(1),
    year: z.number().int().min(1900).max(2200),
    scale: z.strictObject({
      points: z.number().int().min(2).max(100),
      labels: z.record(z.string(), z.string()).optional(),
      labelsEn: z.record(z.string(), z.string()).optional(),
      scores: z.record(z.string(), z.number().finite()),
      satisfiedAtLeast: z.number().int().min(1),
    }),
    groups: z.array(groupSchema).min(1),
    items: z.array(itemSchema).min(1),
    validity: z
      .strictObject({
        minDurationSeconds: z.partialRecord(z.enum(CHANNELS), nonNegative).optional(),
        straightlineMinItems: z.number().int().min(2).optional(),
        straightlineInvalid: z.boolean().optional(),
      })
      .optional(),
    total: z
      .strictObject({
        weights: z.strictObject({ daily: nonNegative, satisfaction: nonNegative }),
        bonusCap: nonNegative.optional(),
        grades: z.array(gradeSchema).min(1),
      })
      .optional(),
    quotas: z.partialRecord(z.enum(CHANNELS), quotaSchema).optional(),
    aapor: z.strictObject({ e: z.number().min(0).max(1).nullable() }).optional(),
    schedule: z
      .partialRecord(
        z.enum(CHANNELS),
        z.strictObject({ start: z.string().optional(), end: z.string().optional() }),
      )
      .optional(),
  })
  .superRefine((c, ctx) => {
    const k = c.scale.points;
    for (let v = 1; v <= k; v++) {
      if (c.scale.scores[String(v)] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['scale', 'scores', String(v)],
          message: `missing score for rating ${v}`,
        });
      }
    }
    for (const key of Object.keys(c.scale.scores)) {
      const v = Number(key);
      if (!Number.isInteger(v) || v < 1 || v > k) {
        ctx.addIssue({ code: 'custom', path: ['scale', 'scores', key], message: `not a rating 1..${k}` });
      }
    }
    if (c.scale.satisfiedAtLeast > k) {
      ctx.addIssue({ code: 'custom', path: ['scale', 'satisfiedAtLeast'], message: `exceeds ${k} points` });
    }
    const groupCodes = new Set<string>();
    c.groups.forEach((g, i) => {
      if (groupCodes.has(g.code)) {
        ctx.addIssue({ code: 'custom', path: ['groups', i, 'code'], message: `duplicate group "${g.code}"` });
      }
      groupCodes.add(g.code);
    });
    const itemCodes = new Set<string>();
    c.items.forEach((it, i) => {
      if (itemCodes.has(it.code)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: `duplicate item "${it.code}"` });
      }
      itemCodes.add(it.code);
      it.groups.forEach((g, j) => {
        if (!groupCodes.has(g)) {
          ctx.addIssue({ code: 'custom', path: ['items', i, 'groups', j], message: `unknown group "${g}"` });
        }
      });
    });
  });

export type AssessmentConfig = z.infer<typeof assessmentConfigSchema>;
export type GroupConfig = AssessmentConfig['groups'][number];
export type ItemConfig = AssessmentConfig['items'][number];
export type GradeConfig = NonNullable<AssessmentConfig['total']>['grades'][number];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses and validates a configuration; the error names the first offending field path. */
export function parseAssessmentConfig(input: unknown): ParseResult<AssessmentConfig> {
  const r = assessmentConfigSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  if (!issue) return { ok: false, error: 'invalid configuration' };
  const path = issue.path.map(String).join('.') || '(root)';
  const keys = 'keys' in issue && Array.isArray(issue.keys) ? `: ${issue.keys.join(', ')}` : '';
  return { ok: false, error: `${path}: ${issue.message}${keys}` };
}

/** Whether a group rates the evaluation firm rather than agencies. */
export const isFirmGroup = (g: GroupConfig): boolean => g.rates === 'firm';

/** Score m(v) for every rating value, indexed by v (index 0 unused). */
export function scoreTable(config: AssessmentConfig): Float64Array {
  const t = new Float64Array(config.scale.points + 1);
  for (let v = 1; v <= config.scale.points; v++) t[v] = config.scale.scores[String(v)] ?? NaN;
  return t;
}
