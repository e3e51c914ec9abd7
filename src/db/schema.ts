/**
 * Table types for Kysely. Timestamps are ISO 8601 text on both engines; booleans are 0/1.
 */
import type { ColumnType, Generated } from 'kysely';

export interface AssessmentTable {
  id: string;
  name: string;
  year: number;
  /** the configuration JSON of SPEC §4.1, as validated */
  config: string;
  created_at: string;
  updated_at: string;
}

/** 被考核单位 — an agency taking part in an assessment */
export interface UnitTable {
  assessment_id: string;
  code: string;
  name: string;
  category: string;
  has_window: number;
  position: number;
}

/** 评价群体 — respondent group, mirrored from the configuration for queries */
export interface RespondentGroupTable {
  assessment_id: string;
  code: string;
  name: string;
  weight: number | null;
  min_n: number | null;
  rates: string | null;
  channels: string;
  position: number;
}

export interface ItemTable {
  assessment_id: string;
  code: string;
  text: string;
  type: string;
  required: number;
  groups: string;
  position: number;
}

/**
 * One row per response: identity (for idempotent imports and submissions) and the
 * response-level columns for queries. Its answers live in response_blocks (block_id, block_pos).
 */
export interface ResponseRowTable {
  id: Generated<number>;
  assessment_id: string;
  response_id: string;
  channel: string;
  group_code: string;
  respondent_unit: string | null;
  respondent_key: string | null;
  duration_s: number | null;
  submitted_at: string | null;
  content_hash: string;
  block_id: number;
  block_pos: number;
  created_at: string;
}

/** Columnar blocks of responses and their answers (see block-codec.ts). */
export interface ResponseBlockTable {
  id: Generated<number>;
  assessment_id: string;
  n_responses: number;
  n_answers: number;
  data: Buffer;
  created_at: string;
}

/**
 * How many stored answers use each (group, item, channel, value) of an assessment, kept in the
 * transaction that stores their block: a configuration change is checked with a few small
 * queries instead of reading every block (services/import/config-change.ts).
 */
export interface AnswerUsageTable {
  assessment_id: string;
  group_code: string;
  item_code: string;
  channel: string;
  /** the stored value code of response-table.ts (0 DK, 1..k rating, 254 blank, 255 text) */
  value: number;
  n: number;
}

/**
 * 实施进度 — how many stored responses of each channel and group rated each agency, kept in the
 * transaction that stores their block, so that the fieldwork wallboard reads a few hundred rows
 * instead of decoding every block. A response counts once per agency it rated; unit_code ''
 * counts every response once (the only row of a firm-group response, which rates no agency).
 */
export interface UnitChannelCountTable {
  assessment_id: string;
  /** the rated agency, '' for "all responses" */
  unit_code: string;
  channel: string;
  group_code: string;
  n: number;
}

/** 意见建议 — text answers */
export interface CommentTable {
  id: Generated<number>;
  assessment_id: string;
  response_id: string;
  target_unit: string | null;
  item: string;
  text: string;
}

/** 电话回访样本 — phone call-back cases; the phone number is encrypted at rest */
export interface PhoneCaseTable {
  assessment_id: string;
  case_id: string;
  unit_code: string;
  phone_enc: string | null;
  phone_hash: string | null;
  service: string | null;
  service_date: string | null;
  disposition: string | null;
  attempts: number | null;
  updated_at: string;
}

/** 日常履职 / 优质履职 scores */
export interface PerformanceScoreTable {
  assessment_id: string;
  unit_code: string;
  daily: number | null;
  bonus: number | null;
}

export interface UserTable {
  id: Generated<number>;
  name: string;
  role: string;
  unit_code: string | null;
  password_hash: string;
  must_change_password: number;
  created_at: string;
  /** set when an admin disables the account: no sign-in, sessions deleted (migration 0002) */
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApiKeyTable {
  id: Generated<number>;
  key_hash: string;
  key_prefix: string;
  role: string;
  assessment_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  assessment_id: string | null;
  details: string;
}

/**
 * A console sign-in session (migration 0002). In the database so that several servers on one
 * PostgreSQL share them; `id` is the SHA-256 of the cookie's token, so a copy of the table does
 * not yield working cookies.
 */
export interface SessionTable {
  id: string;
  user_id: number;
  /** the per-session token the X-CSRF-Token header must repeat on state-changing requests */
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** absolute expiry (created_at + the absolute lifetime); idle expiry is last_seen_at + idle */
  expires_at: string;
}

/** Failed sign-ins per user name (whether or not the user exists), for the lockout (migration 0002). */
export interface SignInFailureTable {
  name: string;
  failures: number;
  last_failed_at: string;
  locked_until: string | null;
}

/**
 * 结果快照 — one stored run of the analysis (migration 0010): what it was computed from (the
 * inputs' fingerprint), how (method version, parameters) and the meta of its tables, whose rows
 * live in snapshot_chunks. Frozen once written: publication points at a snapshot.
 */
export interface ResultSnapshotTable {
  id: Generated<number>;
  assessment_id: string;
  created_at: string;
  created_by: string;
  method_version: string;
  /** JSON: { replicates, seed } */
  params: string;
  /** hex SHA-256 over the inputs (services/results/fingerprint.ts) */
  fingerprint: string;
  /** JSON: [{ name, columns, rows, chunks }] in §4.6 order */
  tables: string;
  /** bytes of the compressed chunks, for the listing */
  size_bytes: number;
  /** the job that ran it, if a job did */
  job_id: number | null;
}

/** Rows of one snapshot table, CHUNK_ROWS at a time, as gzip-compressed JSON arrays of rows. */
export interface SnapshotChunkTable {
  snapshot_id: number;
  table_name: string;
  chunk: number;
  data: Buffer;
}

/** 结果发布 — the one published snapshot of an assessment (what agency viewers see). */
export interface ResultPublicationTable {
  assessment_id: string;
  snapshot_id: number;
  published_at: string;
  published_by: string;
}

/**
 * 后台任务 — a background job (migration 0010): queued → running → succeeded | failed. A runner
 * claims a queued job atomically (repos/jobs.ts claimNextJob) and beats its heartbeat while it
 * runs; a running job whose heartbeat stopped is failed by the next runner that looks.
 */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  assessment_id: string;
  /** JSON of the kind's parameters */
  params: string;
  status: string;
  /** 0..1 */
  progress: number;
  message: string | null;
  /** JSON of the kind's result (e.g. { snapshotId }) */
  result: string | null;
  error: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  /** the runner that claimed it (host:pid:random) */
  worker: string | null;
  /** the job this one retries */
  retry_of: number | null;
}

/**
 * An HTTP submission's Idempotency-Key (migration 0020), per assessment: the response it stored
 * or found and that body's content hash, so that a retry with the same key and body answers
 * 200 and a reuse of the key for another body 409, across restarts and servers.
 */
export interface SubmissionKeyTable {
  assessment_id: string;
  idem_key: string;
  response_id: string;
  content_hash: string;
  created_at: string;
}

/**
 * A rectification item (整改, migration 0060_rectification): what the office asks an agency to
 * improve, and the agency's answer (measures and a due date) and the office's review. Status is
 * core/rectification.ts's machine; every change is in the audit log with before and after,
 * which is the item's history.
 */
export interface RectificationItemTable {
  id: Generated<number>;
  assessment_id: string;
  unit_code: string;
  title: string;
  basis: string;
  /** 'suggested' (from a results snapshot, maybe edited) or 'manual' */
  source: string;
  /** open | answered | accepted | returned */
  status: string;
  measures: string | null;
  /** YYYY-MM-DD */
  due_date: string | null;
  answered_at: string | null;
  answered_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_note: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** 绩效目标申报表 of an assessment (migration 0050): core/targets.ts TargetSheet as JSON. */
export interface TargetSheetTable {
  assessment_id: string;
  /** JSON of the sheet without its expenditures (those are rows of target_expenditures) */
  sheet: string;
  updated_at: string;
  updated_by: string;
}

/** An expenditure booked against a sub-project (in the sheet's amountUnit, 万元). */
export interface TargetExpenditureTable {
  id: Generated<number>;
  assessment_id: string;
  /** YYYY-MM-DD */
  date: string;
  /** a sub-project's name, or '' for the project as a whole */
  sub_project: string;
  amount: number;
  note: string;
  created_at: string;
  created_by: string;
}

/** A hand judgement of one indicator, by its name (core/targets-evaluation.ts Judgement). */
export interface TargetJudgementTable {
  assessment_id: string;
  indicator: string;
  actual: number | null;
  actual_text: string;
  /** 1/0, or null when not judged */
  achieved: number | null;
  /** share 0..1 of the indicator's points */
  score: number | null;
  reason: string;
  updated_at: string;
  updated_by: string;
}

/**
 * 报告文件 — a generated report file (Word or PDF), its content kept so that any app server can
 * serve the download; one row per (assessment, agency or overall, kind): a new generation
 * replaces the previous file. unit_code is null for the overall report.
 */
export interface ReportFileTable {
  id: Generated<number>;
  assessment_id: string;
  snapshot_id: number;
  unit_code: string | null;
  /** docx | pdf */
  kind: string;
  file_name: string;
  size_bytes: number;
  data: Buffer;
  created_at: string;
  created_by: string;
}

/**
 * The uploaded file of an import job (migration 0070): stored so that whichever server claims
 * the job can read it; deleted when the job ends, and with its job (cascade). Like jobs, work in
 * progress: not in TABLES, never backed up.
 */
export interface JobFileTable {
  job_id: number;
  file_name: string;
  data: Buffer;
  created_at: string;
}

export interface Database {
  assessments: AssessmentTable;
  units: UnitTable;
  respondent_groups: RespondentGroupTable;
  items: ItemTable;
  responses: ResponseRowTable;
  response_blocks: ResponseBlockTable;
  answer_usage: AnswerUsageTable;
  comments: CommentTable;
  phone_cases: PhoneCaseTable;
  performance_scores: PerformanceScoreTable;
  users: UserTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  sessions: SessionTable;
  sign_in_failures: SignInFailureTable;
  result_snapshots: ResultSnapshotTable;
  snapshot_chunks: SnapshotChunkTable;
  result_publications: ResultPublicationTable;
  jobs: JobTable;
  submission_keys: SubmissionKeyTable;
  report_files: ReportFileTable;
  rectification_items: RectificationItemTable;
  unit_channel_counts: UnitChannelCountTable;
  target_sheets: TargetSheetTable;
  target_expenditures: TargetExpenditureTable;
  target_judgements: TargetJudgementTable;
  job_files: JobFileTable;
}

/**
 * Tables in dependency order (parents first): backup writes them in this order. Sessions and
 * sign-in failures are short-lived state, not data: not backed up (a restore signs everyone out).
 * Jobs are too (a restore forgets their history); snapshots and publications are data: the
 * numbers agencies were graded on survive a restore.
 */
export const TABLES: readonly (keyof Database)[] = [
  'assessments',
  'units',
  'respondent_groups',
  'items',
  'response_blocks',
  'responses',
  'answer_usage',
  'comments',
  'phone_cases',
  'performance_scores',
  'users',
  'api_keys',
  'audit_log',
  'result_snapshots',
  'snapshot_chunks',
  'result_publications',
  'report_files',
  'rectification_items',
  'unit_channel_counts',
  'target_sheets',
  'target_expenditures',
  'target_judgements',
];
