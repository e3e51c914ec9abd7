/**
 * The migrations added with the server, the console and the reports (0030 onwards); the older
 * ones are in migrations.ts, which lists them all in order.
 */
import type { ColumnDefinitionBuilder, Migration } from 'kysely';
import type { Engine } from './create-db.js';
import { blobType, withId, type Db } from './migration-helpers.js';
import { rebuildUnitChannelCounts } from './repos/unit-channel-counts.js';

/** Rectification items (整改) of an agency; their history is the audit log (schema.ts). */
export function rectification(engine: Engine): Migration {
  return {
    async up(db: Db) {
      await withId(db.schema.createTable('rectification_items'), engine)
        .addColumn('assessment_id', 'text', (c) =>
          c.notNull().references('assessments.id').onDelete('cascade'),
        )
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('measures', 'text')
        .addColumn('due_date', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('answered_by', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('reviewed_by', 'text')
        .addColumn('review_note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rectification_items_unit')
        .on('rectification_items')
        .columns(['assessment_id', 'unit_code', 'id'])
        .execute();
    },
    async down(db: Db) {
      await db.schema.dropTable('rectification_items').ifExists().execute();
    },
  };
}
/**
 * unit_channel_counts (schema.ts): per-assessment counts of responses by rated agency, channel
 * and group for the fieldwork wallboard, backfilled from the stored blocks one at a time.
 */
export const unitChannelCounts: Migration = {
  async up(db: Db) {
    await db.schema
      .createTable('unit_channel_counts')
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('group_code', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('unit_channel_counts_pk', [
        'assessment_id',
        'unit_code',
        'channel',
        'group_code',
      ])
      .execute();
    // the tables as this migration knows them (schema.ts at 0030)
    await rebuildUnitChannelCounts(db);
  },
  async down(db: Db) {
    await db.schema.dropTable('unit_channel_counts').ifExists().execute();
  },
};
/**
 * 绩效目标 (migration 0050): the target sheet of an assessment as JSON, the expenditures booked
 * against its sub-projects, and the hand judgements of its indicators (by indicator name).
 */
export function targets(engine: Engine): Migration {
  return {
    async up(db: Db) {
      const fk = (c: ColumnDefinitionBuilder) => c.notNull().references('assessments.id').onDelete('cascade');
      await db.schema
        .createTable('target_sheets')
        .addColumn('assessment_id', 'text', (c) =>
          c.primaryKey().references('assessments.id').onDelete('cascade'),
        )
        .addColumn('sheet', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('target_expenditures'), engine)
        .addColumn('assessment_id', 'text', fk)
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('sub_project', 'text', (c) => c.notNull())
        .addColumn('amount', 'double precision', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('target_expenditures_assessment')
        .on('target_expenditures')
        .columns(['assessment_id', 'id'])
        .execute();
      await db.schema
        .createTable('target_judgements')
        .addColumn('assessment_id', 'text', fk)
        .addColumn('indicator', 'text', (c) => c.notNull())
        .addColumn('actual', 'double precision')
        .addColumn('actual_text', 'text', (c) => c.notNull())
        .addColumn('achieved', 'integer')
        .addColumn('score', 'double precision')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('target_judgements_pk', ['assessment_id', 'indicator'])
        .execute();
    },
    async down(db: Db) {
      for (const t of ['target_judgements', 'target_expenditures', 'target_sheets'])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}

/** Generated report files (schema.ts ReportFileTable). */
export function reportFiles(engine: Engine): Migration {
  return {
    async up(db: Db) {
      await withId(db.schema.createTable('report_files'), engine)
        .addColumn('assessment_id', 'text', (c) =>
          c.notNull().references('assessments.id').onDelete('cascade'),
        )
        .addColumn('snapshot_id', 'integer', (c) =>
          c.notNull().references('result_snapshots.id').onDelete('cascade'),
        )
        .addColumn('unit_code', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('data', blobType(engine), (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('report_files_assessment')
        .on('report_files')
        .columns(['assessment_id', 'unit_code', 'kind'])
        .execute();
    },
    async down(db: Db) {
      await db.schema.dropTable('report_files').ifExists().execute();
    },
  };
}

/** The uploaded files of import jobs (schema.ts JobFileTable): one per job, gone with it. */
export function jobFiles(engine: Engine): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('job_files')
        .addColumn('job_id', 'integer', (c) =>
          c.primaryKey().notNull().references('jobs.id').onDelete('cascade'),
        )
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('data', blobType(engine), (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Db) {
      await db.schema.dropTable('job_files').ifExists().execute();
    },
  };
}

/**
 * The duplicate drill-down (services/results/response-validity.ts) looks up the responses of a
 * group sharing a respondent key; without an index that scans every response of the assessment.
 * Partial: most phone and intercept responses carry no key, and they cost the index nothing.
 */
export const respondentKeyIndex: Migration = {
  async up(db: Db) {
    await db.schema
      .createIndex('responses_respondent_key')
      .on('responses')
      .columns(['assessment_id', 'group_code', 'respondent_key'])
      .where('respondent_key', 'is not', null)
      .execute();
  },
  async down(db: Db) {
    await db.schema.dropIndex('responses_respondent_key').ifExists().execute();
  },
};
