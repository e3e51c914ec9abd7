/**
 * Generated report files: start their generation (a job), list them, download one or all as a
 * zip — /api/v1/assessments/{id}/reports…
 */
import Type, { type Static } from 'typebox';

export const ReportRequest = Type.Object(
  {
    pdf: Type.Optional(
      Type.Boolean({ description: 'also PDFs, when LibreOffice is installed (default false)' }),
    ),
  },
  { additionalProperties: false },
);
export type ReportRequest = Static<typeof ReportRequest>;

export const ReportFile = Type.Object({
  id: Type.Integer(),
  snapshotId: Type.Integer(),
  unitCode: Type.Union([Type.String(), Type.Null()], { description: 'null: the overall report' }),
  kind: Type.Enum(['docx', 'pdf']),
  fileName: Type.String(),
  sizeBytes: Type.Integer(),
  createdAt: Type.String(),
});
export const ReportFileList = Type.Object({
  files: Type.Array(ReportFile),
  pdfAvailable: Type.Optional(
    Type.Boolean({ description: 'whether this server can also write PDFs (LibreOffice found)' }),
  ),
});
export type ReportFileList = Static<typeof ReportFileList>;

export const ReportFileParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  file: Type.String({ pattern: '^[0-9]{1,12}$' }),
});
