/**
 * One set of migrations for SQLite and PostgreSQL. The only engine differences are the
 * auto-increment key and the binary column type, chosen by `engine`.
 */
import type { ColumnDefinitionBuilder, Kysely, Migration, MigrationProvider } from 'kysely';
import type { Engine } from './create-db.js';
import type { Database } from './schema.js';
import { usageOfBlock } from './codec/answer-usage.js';
import { addAnswerUsage } from './repos/answer-usage.js';
import { blobType, withId, type Db } from './migration-helpers.js';
import {
  jobFiles,
  rectification,
  reportFiles,
  respondentKeyIndex,
  targets,
  unitChannelCounts,
} from './migrations-later.js';

function initial(engine: Engine): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      const fkAssessment = (c: ColumnDefinitionBuilder) =>
        c.notNull().references('assessments.id').onDelete('cascade');

      await db.schema
        .createTable('units')
        .addColumn('assessment_id', 'text', fkAssessment)
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('has_window', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('units_pk', ['assessment_id', 'code'])
        .execute();

      await db.schema
        .createTable('respondent_groups')
        .addColumn('assessment_id', 'text', fkAssessment)
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('weight', 'double precision')
        .addColumn('min_n', 'integer')
        .addColumn('rates', 'text')
        .addColumn('channels', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('respondent_groups_pk', ['assessment_id', 'code'])
        .execute();

      await db.schema
        .createTable('items')
        .addColumn('assessment_id', 'text', fkAssessment)
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('groups', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('items_pk', ['assessment_id', 'code'])
        .execute();

      await withId(db.schema.createTable('response_blocks'), engine)
        .addColumn('assessment_id', 'text', fkAssessment)
        .addColumn('n_responses', 'integer', (c) => c.notNull())
        .addColumn('n_answers', 'integer', (c) => c.notNull())
        .addColumn('data', blobType(engine), (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('response_blocks_assessment')
        .on('response_blocks')
        .column('assessment_id')
        .execute();

      await withId(db.schema.createTable('responses'), engine)
        .addColumn('assessment_id', 'text', fkAssessment)
        .addColumn('response_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('group_code', 'text', (c) => c.notNull())
        .addColumn('respondent_unit', 'text')
        .addColumn('respondent_key', 'text')
        .addColumn('duration_s', 'double precision')
        .addColumn('submitted_at', 'text')
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('block_id', 'integer', (c) =>
          c.notNull().references('response_blocks.id').onDelete('cascade'),
        )
        .addColumn('block_pos', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('responses_assessment_response_id', ['assessment_id', 'response_id'])
        .execute();
      await db.schema.createIndex('responses_block').on('responses').column('block_id').execute();

      await withId(db.schema.createTable('comments'), engine)
        .addColumn('assessment_id', 'text', fkAssessment)
        .addColumn('response_id', 'text', (c) => c.notNull())
        .addColumn('target_unit', 'text')
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('comments_assessment_unit')
        .on('comments')
        .columns(['assessment_id', 'target_unit'])
        .execute();
      await db.schema
        .createIndex('comments_assessment_response')
        .on('comments')
        .columns(['assessment_id', 'response_id'])
        .execute();

      await db.schema
        .createTable('phone_cases')
        .addColumn('assessment_id', 'text', fkAssessment)
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('service', 'text')
        .addColumn('service_date', 'text')
        .addColumn('disposition', 'text')
        .addColumn('attempts', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('phone_cases_pk', ['assessment_id', 'case_id'])
        .execute();

      await db.schema
        .createTable('performance_scores')
        .addColumn('assessment_id', 'text', fkAssessment)
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('daily', 'double precision')
        .addColumn('bonus', 'double precision')
        .addPrimaryKeyConstraint('performance_scores_pk', ['assessment_id', 'unit_code'])
        .execute();

      await withId(db.schema.createTable('users'), engine)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'text')
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('api_keys'), engine)
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('key_prefix', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('assessment_id', 'text', (c) => c.references('assessments.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();

      await withId(db.schema.createTable('audit_log'), engine)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('assessment_id', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    },
    async down(db: Db) {
      for (const t of [
        'audit_log',
        'api_keys',
        'users',
        'performance_scores',
        'phone_cases',
        'comments',
        'responses',
        'response_blocks',
        'items',
        'respondent_groups',
        'units',
        'assessments',
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}

/** Console sessions in the database (shared by several servers) and the sign-in lockout. */
function sessions(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('sign_in_failures')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_failed_at', 'text', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .execute();
    },
    async down(db: Db) {
      await db.schema.dropTable('sign_in_failures').ifExists().execute();
      await db.schema.dropTable('sessions').ifExists().execute();
      await db.schema.alterTable('users').dropColumn('disabled_at').execute();
    },
  };
}

/**
 * answer_usage (schema.ts): per-assessment counts of answers by group, item, channel and value,
 * backfilled from the stored blocks one block at a time (memory stays at one block).
 */
const answerUsage: Migration = {
  async up(db: Db) {
    await db.schema
      .createTable('answer_usage')
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      .addColumn('group_code', 'text', (c) => c.notNull())
      .addColumn('item_code', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('value', 'integer', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('answer_usage_pk', [
        'assessment_id',
        'group_code',
        'item_code',
        'channel',
        'value',
      ])
      .execute();
    // the tables as this migration knows them (schema.ts at 0003)
    const typed = db as unknown as Kysely<Database>;
    for (let after = 0; ;) {
      const block = await typed
        .selectFrom('response_blocks')
        .select(['id', 'assessment_id', 'data'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!block) break;
      await addAnswerUsage(typed, block.assessment_id, usageOfBlock(block.data));
      after = block.id;
    }
  },
  async down(db: Db) {
    await db.schema.dropTable('answer_usage').ifExists().execute();
  },
};

/**
 * Results snapshots, their chunks, the publication pointer and background jobs. Named 0010 so
 * that it sorts after migrations added meanwhile on other branches (Kysely runs them by name).
 */
function snapshotsJobs(engine: Engine): Migration {
  return {
    async up(db: Db) {
      const fkAssessment = (c: ColumnDefinitionBuilder) =>
        c.notNull().references('assessments.id').onDelete('cascade');
      await withId(db.schema.createTable('result_snapshots'), engine)
        .addColumn('assessment_id', 'text', fkAssessment)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('method_version', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('tables', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        // no foreign key: jobs are not backed up, snapshots are
        .addColumn('job_id', 'integer')
        .execute();
      await db.schema
        .createIndex('result_snapshots_assessment')
        .on('result_snapshots')
        .columns(['assessment_id', 'id'])
        .execute();
      await db.schema
        .createTable('snapshot_chunks')
        .addColumn('snapshot_id', 'integer', (c) =>
          c.notNull().references('result_snapshots.id').onDelete('cascade'),
        )
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('chunk', 'integer', (c) => c.notNull())
        .addColumn('data', blobType(engine), (c) => c.notNull())
        .addPrimaryKeyConstraint('snapshot_chunks_pk', ['snapshot_id', 'table_name', 'chunk'])
        .execute();
      await db.schema
        .createTable('result_publications')
        .addColumn('assessment_id', 'text', (c) =>
          c.primaryKey().references('assessments.id').onDelete('cascade'),
        )
        .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('result_snapshots.id'))
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('jobs'), engine)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('assessment_id', 'text', fkAssessment)
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('message', 'text')
        .addColumn('result', 'text')
        .addColumn('error', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('heartbeat_at', 'text')
        .addColumn('worker', 'text')
        .addColumn('retry_of', 'integer')
        .execute();
      await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'id']).execute();
      await db.schema.createIndex('jobs_assessment').on('jobs').columns(['assessment_id', 'id']).execute();
    },
    async down(db: Db) {
      for (const t of ['jobs', 'result_publications', 'snapshot_chunks', 'result_snapshots'])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}

/** Idempotency keys of HTTP submissions (schema.ts SubmissionKeyTable). */
const submissions: Migration = {
  async up(db: Db) {
    await db.schema
      .createTable('submission_keys')
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      .addColumn('idem_key', 'text', (c) => c.notNull())
      .addColumn('response_id', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('submission_keys_pk', ['assessment_id', 'idem_key'])
      .execute();
  },
  async down(db: Db) {
    await db.schema.dropTable('submission_keys').ifExists().execute();
  },
};

export class CodeMigrationProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({
      '0001_initial': initial(this.engine),
      '0002_sessions': sessions(),
      '0003_answer_usage': answerUsage,
      '0010_snapshots_jobs': snapshotsJobs(this.engine),
      '0020_submissions': submissions,
      '0030_unit_channel_counts': unitChannelCounts,
      '0040_report_files': reportFiles(this.engine),
      '0050_targets': targets(this.engine),
      '0060_rectification': rectification(this.engine),
      '0070_job_files': jobFiles(this.engine),
      '0080_respondent_key_index': respondentKeyIndex,
    });
  }
}
