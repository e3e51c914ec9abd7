/**
 * The column types of every table, declared once next to schema.ts and checked by the compiler
 * against the Kysely table types: a missing, extra or wrongly typed column does not compile.
 * Restore validates each row of a backup against them before touching the store, and backup
 * pages through each table in `key` order.
 */
import type { Selectable } from 'kysely';
import type { Database } from './schema.js';

/** `?` marks a nullable column; `blob` travels as `{"$b64": "…"}` in a backup. */
export type ColumnKind = 'text' | 'text?' | 'integer' | 'integer?' | 'real' | 'real?' | 'blob';

/** The kinds a TypeScript column type allows (a number column may be declared integer or real). */
type KindOf<S> = null extends S
  ? [NonNullable<S>] extends [string]
    ? 'text?'
    : [NonNullable<S>] extends [number]
      ? 'integer?' | 'real?'
      : never
  : [S] extends [string]
    ? 'text'
    : [S] extends [number]
      ? 'integer' | 'real'
      : [S] extends [Uint8Array]
        ? 'blob'
        : never;

type Columns<T> = { readonly [C in keyof Selectable<T>]-?: KindOf<Selectable<T>[C]> };

export interface TableSpec<T> {
  columns: Columns<T>;
  /** a unique key, for paging in a stable order */
  key: readonly (keyof Selectable<T> & string)[];
}

export const TABLE_SPECS: { readonly [T in keyof Database]: TableSpec<Database[T]> } = {
  assessments: {
    columns: {
      id: 'text',
      name: 'text',
      year: 'integer',
      config: 'text',
      created_at: 'text',
      updated_at: 'text',
    },
    key: ['id'],
  },
  units: {
    columns: {
      assessment_id: 'text',
      code: 'text',
      name: 'text',
      category: 'text',
      has_window: 'integer',
      position: 'integer',
    },
    key: ['assessment_id', 'code'],
  },
  respondent_groups: {
    columns: {
      assessment_id: 'text',
      code: 'text',
      name: 'text',
      weight: 'real?',
      min_n: 'integer?',
      rates: 'text?',
      channels: 'text',
      position: 'integer',
    },
    key: ['assessment_id', 'code'],
  },
  items: {
    columns: {
      assessment_id: 'text',
      code: 'text',
      text: 'text',
      type: 'text',
      required: 'integer',
      groups: 'text',
      position: 'integer',
    },
    key: ['assessment_id', 'code'],
  },
  response_blocks: {
    columns: {
      id: 'integer',
      assessment_id: 'text',
      n_responses: 'integer',
      n_answers: 'integer',
      data: 'blob',
      created_at: 'text',
    },
    key: ['id'],
  },
  responses: {
    columns: {
      id: 'integer',
      assessment_id: 'text',
      response_id: 'text',
      channel: 'text',
      group_code: 'text',
      respondent_unit: 'text?',
      respondent_key: 'text?',
      duration_s: 'real?',
      submitted_at: 'text?',
      content_hash: 'text',
      block_id: 'integer',
      block_pos: 'integer',
      created_at: 'text',
    },
    key: ['id'],
  },
  answer_usage: {
    columns: {
      assessment_id: 'text',
      group_code: 'text',
      item_code: 'text',
      channel: 'text',
      value: 'integer',
      n: 'integer',
    },
    key: ['assessment_id', 'group_code', 'item_code', 'channel', 'value'],
  },
  comments: {
    columns: {
      id: 'integer',
      assessment_id: 'text',
      response_id: 'text',
      target_unit: 'text?',
      item: 'text',
      text: 'text',
    },
    key: ['id'],
  },
  phone_cases: {
    columns: {
      assessment_id: 'text',
      case_id: 'text',
      unit_code: 'text',
      phone_enc: 'text?',
      phone_hash: 'text?',
      service: 'text?',
      service_date: 'text?',
      disposition: 'text?',
      attempts: 'integer?',
      updated_at: 'text',
    },
    key: ['assessment_id', 'case_id'],
  },
  performance_scores: {
    columns: { assessment_id: 'text', unit_code: 'text', daily: 'real?', bonus: 'real?' },
    key: ['assessment_id', 'unit_code'],
  },
  users: {
    columns: {
      id: 'integer',
      name: 'text',
      role: 'text',
      unit_code: 'text?',
      password_hash: 'text',
      disabled_at: 'text?',
      must_change_password: 'integer',
      created_at: 'text',
    },
    key: ['id'],
  },
  api_keys: {
    columns: {
      id: 'integer',
      key_hash: 'text',
      key_prefix: 'text',
      role: 'text',
      assessment_id: 'text?',
      created_at: 'text',
      revoked_at: 'text?',
    },
    key: ['id'],
  },
  audit_log: {
    columns: {
      id: 'integer',
      at: 'text',
      actor: 'text',
      action: 'text',
      assessment_id: 'text?',
      details: 'text',
    },
    key: ['id'],
  },
  result_snapshots: {
    columns: {
      id: 'integer',
      assessment_id: 'text',
      created_at: 'text',
      created_by: 'text',
      method_version: 'text',
      params: 'text',
      fingerprint: 'text',
      tables: 'text',
      size_bytes: 'integer',
      job_id: 'integer?',
    },
    key: ['id'],
  },
  snapshot_chunks: {
    columns: { snapshot_id: 'integer', table_name: 'text', chunk: 'integer', data: 'blob' },
    key: ['snapshot_id', 'table_name', 'chunk'],
  },
  result_publications: {
    columns: { assessment_id: 'text', snapshot_id: 'integer', published_at: 'text', published_by: 'text' },
    key: ['assessment_id'],
  },
  // jobs are work in progress, not results: not in TABLES, never backed up
  jobs: {
    columns: {
      id: 'integer',
      kind: 'text',
      assessment_id: 'text',
      params: 'text',
      status: 'text',
      progress: 'real',
      message: 'text?',
      result: 'text?',
      error: 'text?',
      created_by: 'text',
      created_at: 'text',
      started_at: 'text?',
      finished_at: 'text?',
      heartbeat_at: 'text?',
      worker: 'text?',
      retry_of: 'integer?',
    },
    key: ['id'],
  },
  // an import job's uploaded file: work in progress like its job, not in TABLES, never backed up
  job_files: {
    columns: { job_id: 'integer', file_name: 'text', data: 'blob', created_at: 'text' },
    key: ['job_id'],
  },
  // short-lived state, not in TABLES: never backed up (a restore signs everyone out)
  sessions: {
    columns: {
      id: 'text',
      user_id: 'integer',
      csrf_token: 'text',
      created_at: 'text',
      last_seen_at: 'text',
      expires_at: 'text',
    },
    key: ['id'],
  },
  sign_in_failures: {
    columns: { name: 'text', failures: 'integer', last_failed_at: 'text', locked_until: 'text?' },
    key: ['name'],
  },
  // retry protection of HTTP submissions, not data: a restored response_id still answers 200
  submission_keys: {
    columns: {
      assessment_id: 'text',
      idem_key: 'text',
      response_id: 'text',
      content_hash: 'text',
      created_at: 'text',
    },
    key: ['assessment_id', 'idem_key'],
  },
  rectification_items: {
    columns: {
      id: 'integer',
      assessment_id: 'text',
      unit_code: 'text',
      title: 'text',
      basis: 'text',
      source: 'text',
      status: 'text',
      measures: 'text?',
      due_date: 'text?',
      answered_at: 'text?',
      answered_by: 'text?',
      reviewed_at: 'text?',
      reviewed_by: 'text?',
      review_note: 'text?',
      created_at: 'text',
      created_by: 'text',
      updated_at: 'text',
    },
    key: ['id'],
  },
  unit_channel_counts: {
    columns: {
      assessment_id: 'text',
      unit_code: 'text',
      channel: 'text',
      group_code: 'text',
      n: 'integer',
    },
    key: ['assessment_id', 'unit_code', 'channel', 'group_code'],
  },
  target_sheets: {
    columns: { assessment_id: 'text', sheet: 'text', updated_at: 'text', updated_by: 'text' },
    key: ['assessment_id'],
  },
  target_expenditures: {
    columns: {
      id: 'integer',
      assessment_id: 'text',
      date: 'text',
      sub_project: 'text',
      amount: 'real',
      note: 'text',
      created_at: 'text',
      created_by: 'text',
    },
    key: ['id'],
  },
  target_judgements: {
    columns: {
      assessment_id: 'text',
      indicator: 'text',
      actual: 'real?',
      actual_text: 'text',
      achieved: 'integer?',
      score: 'real?',
      reason: 'text',
      updated_at: 'text',
      updated_by: 'text',
    },
    key: ['assessment_id', 'indicator'],
  },
  report_files: {
    columns: {
      id: 'integer',
      assessment_id: 'text',
      snapshot_id: 'integer',
      unit_code: 'text?',
      kind: 'text',
      file_name: 'text',
      size_bytes: 'integer',
      data: 'blob',
      created_at: 'text',
      created_by: 'text',
    },
    key: ['id'],
  },
};

/** The column kinds of a table, by name (for code that handles any table). */
export function columnKinds(table: keyof Database): Readonly<Record<string, ColumnKind>> {
  return TABLE_SPECS[table].columns;
}

/** The key columns of a table, by name. */
export function keyColumns(table: keyof Database): readonly string[] {
  return TABLE_SPECS[table].key;
}
