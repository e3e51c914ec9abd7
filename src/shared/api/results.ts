/**
 * Results snapshots, publication and the agency view: /api/v1/assessments/{id}/snapshots…,
 * …/results/published and …/units/{unit}/results.
 */
import Type, { type Static } from 'typebox';
import { RESULT_TABLES } from './result-tables.js';

const Id = Type.String({ minLength: 1, maxLength: 128 });

export const Cell = Type.Union([Type.String(), Type.Number(), Type.Null()]);

export const TableMeta = Type.Object({
  name: Type.Enum(RESULT_TABLES),
  columns: Type.Array(Type.String()),
  rows: Type.Integer(),
});

export const SnapshotMeta = Type.Object({
  id: Type.Integer(),
  assessmentId: Type.String(),
  createdAt: Type.String({ description: 'ISO 8601' }),
  createdBy: Type.String(),
  ageSeconds: Type.Number({ description: 'how old the numbers are' }),
  methodVersion: Type.String(),
  params: Type.Object({ replicates: Type.Integer(), seed: Type.Integer() }),
  fingerprint: Type.String({ description: 'SHA-256 of the inputs it was computed from' }),
  stale: Type.Boolean({ description: 'newer data exists: the current inputs differ' }),
  latest: Type.Boolean(),
  published: Type.Boolean(),
  sizeBytes: Type.Integer(),
  jobId: Type.Union([Type.Integer(), Type.Null()]),
  tables: Type.Array(TableMeta),
});
export type SnapshotMeta = Static<typeof SnapshotMeta>;

export const SnapshotList = Type.Object({ snapshots: Type.Array(SnapshotMeta) });
export type SnapshotList = Static<typeof SnapshotList>;

export const SnapshotParams = Type.Object({ id: Id, sid: Type.String({ pattern: '^[0-9]{1,12}$' }) });
export const TableParams = Type.Object({
  id: Id,
  sid: Type.String({ pattern: '^[0-9]{1,12}$' }),
  table: Type.Enum(RESULT_TABLES),
});
export const TableQuery = Type.Object(
  {
    offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'first row (default 0)' })),
    limit: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,5}$', description: 'rows per page, 1–5000 (default 500)' }),
    ),
  },
  { additionalProperties: false },
);

export const TablePage = Type.Object({
  snapshotId: Type.Integer(),
  table: Type.Enum(RESULT_TABLES),
  columns: Type.Array(Type.String()),
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  rows: Type.Array(Type.Array(Cell)),
});
export type TablePage = Static<typeof TablePage>;

/** A row of a table as an object keyed by its columns. */
export const RowObject = Type.Record(Type.String(), Cell);
export type RowObject = Static<typeof RowObject>;

/** The mean of one item's score over every agency that has one (the diagnostics' reference). */
export const UnitItemMean = Type.Object({
  group: Type.String(),
  item: Type.String(),
  mean: Type.Number(),
  /** how many agencies the mean is over */
  units: Type.Integer(),
});
export type UnitItemMean = Static<typeof UnitItemMean>;

/** 代表性意见: an agency's quotable comments (valid responses of the snapshot, masked). */
export const UnitComments = Type.Object({
  /** quotable comments about the agency */
  total: Type.Integer(),
  /** the representative ones overall (as the Word report quotes them) */
  representative: Type.Array(Type.String()),
  /** per keyword of unit_keywords: how many comments contain it and the representative ones */
  keywords: Type.Array(
    Type.Object({ keyword: Type.String(), total: Type.Integer(), comments: Type.Array(Type.String()) }),
  ),
});
export type UnitComments = Static<typeof UnitComments>;

/** What one agency sees of a snapshot: its own rows of every agency-level table. */
export const UnitResults = Type.Object({
  unitCode: Type.String(),
  unitResult: RowObject,
  groupScores: Type.Array(RowObject),
  itemScores: Type.Array(RowObject),
  keywords: Type.Array(RowObject),
  rankInterval: Type.Union([RowObject, Type.Null()]),
  /** the all-agency mean of each of its items (an aggregate, no other agency's row): unit view only */
  itemMeans: Type.Optional(Type.Array(UnitItemMean)),
  /** example comments per keyword, personal data masked, valid responses only: unit view only */
  comments: Type.Optional(UnitComments),
});
export type UnitResults = Static<typeof UnitResults>;

/** The snapshot a view comes from, as an agency viewer may see it. */
export const ViewedSnapshot = Type.Object({
  id: Type.Integer(),
  createdAt: Type.String(),
  ageSeconds: Type.Number(),
  methodVersion: Type.String(),
  published: Type.Boolean(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ViewedSnapshot = Static<typeof ViewedSnapshot>;

export const UnitResultsView = Type.Object({ snapshot: ViewedSnapshot, unit: UnitResults });
export type UnitResultsView = Static<typeof UnitResultsView>;

export const PublishedResults = Type.Object({
  snapshot: ViewedSnapshot,
  /** every agency for staff; an agency viewer's own agency only */
  units: Type.Array(UnitResults),
});
export type PublishedResults = Static<typeof PublishedResults>;

export const UnitResultsQuery = Type.Object(
  {
    snapshot: Type.Optional(
      Type.String({
        pattern: '^(latest|published|[0-9]{1,12})$',
        description: 'latest (staff default), published (agency viewers: the only choice), or an id',
      }),
    ),
  },
  { additionalProperties: false },
);

export const Publication = Type.Object({
  assessmentId: Type.String(),
  snapshotId: Type.Integer(),
  previousSnapshotId: Type.Union([Type.Integer(), Type.Null()]),
  publishedAt: Type.String(),
  publishedBy: Type.String(),
});
export type Publication = Static<typeof Publication>;
