/** The agencies of an assessment, their import (dry run and real) and the template: /api/v1/…/units. */
import Type, { type Static } from 'typebox';
import { Unit } from './assessments.js';

export const UnitList = Type.Object({ units: Type.Array(Unit) });
export type UnitList = Static<typeof UnitList>;

export const UnitImportQuery = Type.Object(
  {
    dryRun: Type.Optional(
      Type.Enum(['true', 'false'], {
        description: 'true: check the file and preview it, storing nothing (default false)',
      }),
    ),
    filename: Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '\\.(?:[Cc][Ss][Vv]|[Xx][Ll][Ss][Xx])$',
      description: 'the uploaded file name; .csv or .xlsx decides how the body is read',
    }),
  },
  { additionalProperties: false },
);

export const ImportProblem = Type.Object({
  file: Type.String(),
  line: Type.Union([Type.Integer(), Type.Null()], { description: 'the line (the header is line 1)' }),
  column: Type.Union([Type.String(), Type.Null()]),
  why: Type.String(),
  message: Type.String({ description: 'FILE:LINE: column C: why, as the CLI prints it' }),
});
export type ImportProblem = Static<typeof ImportProblem>;

export const UnitPreviewRow = Type.Object({
  line: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  category: Type.String(),
  hasWindow: Type.Boolean(),
  status: Type.Enum(['new', 'updated', 'unchanged']),
});
export type UnitPreviewRow = Static<typeof UnitPreviewRow>;

export const UnitImportReport = Type.Object({
  file: Type.String(),
  dryRun: Type.Boolean(),
  units: Type.Array(UnitPreviewRow),
  counts: Type.Object({ new: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }),
  /** every problem of the file in a dry run; a real import with a problem answers 422 instead */
  problems: Type.Array(ImportProblem),
  stored: Type.Integer(),
});
export type UnitImportReport = Static<typeof UnitImportReport>;

/** The body of an import: the file's bytes, as sent. */
export const UPLOAD_MEDIA_TYPES = [
  'application/octet-stream',
  'text/csv',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
