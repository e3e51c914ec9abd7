/**
 * Background jobs: /api/v1/assessments/{id}/analyses, …/jobs, …/jobs/{job}, …/jobs/{job}/retry
 * and the live stream …/events (server-sent events, one `job` event per change).
 */
import Type, { type Static } from 'typebox';

/** The kinds of job; imports and report batches join this list. */
export const JOB_KIND_NAMES = ['analysis', 'report', 'import'] as const;
export type JobKind = (typeof JOB_KIND_NAMES)[number];

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const Job = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(JOB_KIND_NAMES),
  assessmentId: Type.String(),
  params: Type.Record(Type.String(), Type.Unknown()),
  status: Type.Enum(JOB_STATUSES),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  message: Type.Union([Type.String(), Type.Null()]),
  /** e.g. { snapshotId } for an analysis */
  result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  heartbeatAt: Type.Union([Type.String(), Type.Null()]),
  retryOf: Type.Union([Type.Integer(), Type.Null()]),
});
export type Job = Static<typeof Job>;

export const JobList = Type.Object({ jobs: Type.Array(Job) });
export type JobList = Static<typeof JobList>;

export const JobParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  job: Type.String({ pattern: '^[0-9]{1,12}$' }),
});

/** The body of POST …/analyses; both default as in `kaoping analyze`. */
export const AnalysisRequest = Type.Object(
  {
    replicates: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 100_000, description: 'bootstrap replicates (default 1000)' }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1, description: 'default 1' })),
  },
  { additionalProperties: false },
);
export type AnalysisRequest = Static<typeof AnalysisRequest>;

/** What the console imports as a job (POST …/imports/{what}): SPEC §4.3, §4.4, §4.5. */
export const IMPORT_KINDS = ['responses', 'cases', 'scores'] as const;
export type ImportWhat = (typeof IMPORT_KINDS)[number];

/** An import's upload: the raw file as the body, up to this size (a responses export is large). */
export const IMPORT_LIMIT_BYTES = 100 * 1024 * 1024;

export const ImportParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  what: Type.Enum(IMPORT_KINDS),
});

/** The kinds the office and the firm import; phone cases have their own route (supervisors too). */
export const StaffImportParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  what: Type.Enum(['responses', 'scores'] as const),
});

export const ImportQuery = Type.Object({
  filename: Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'the file name the user chose: .csv or .xlsx decides the reader, errors name it',
  }),
});
