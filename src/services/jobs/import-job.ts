/**
 * The 'import' job kind: answers (SPEC §4.3), phone cases (§4.4) or performance scores (§4.5)
 * uploaded from the console. The upload waits in job_files; the job writes it to a private
 * temporary file and runs the very importer `kaoping import` runs (all or nothing, the same
 * checks, the same one-line error naming the user's file name, never the temporary path). The
 * stored file is deleted when the job ends, whatever the outcome: an upload holds personal data
 * and a failed import is fixed by uploading the corrected file, not by a retry.
 */
import { deleteJobFile, readJobFile } from '../../db/repos/job-files.js';
import { IMPORT_KINDS, type ImportWhat } from '../../shared/api/jobs.js';
import { KpError } from '../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import type { TableSource } from '../import/table-reader.js';
import { uploadName, withUploadedFile } from '../import/upload.js';
import type { JobContext, JobKindSpec } from './kinds.js';

export interface ImportJobParams extends Record<string, unknown> {
  what: ImportWhat;
  fileName: string;
}

/** Rows in a CSV, roughly (its line breaks), to turn "rows read" into a fraction; xlsx: unknown. */
function estimateRows(fileName: string, data: Buffer): number | null {
  if (!fileName.toLowerCase().endsWith('.csv')) return null;
  let n = 0;
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) n++;
  return Math.max(1, n);
}

async function runImporter(
  ctx: JobContext,
  what: ImportWhat,
  source: TableSource,
  onRows: (rows: number) => void,
): Promise<Record<string, unknown>> {
  const svc: ServiceContext = { handle: ctx.handle, actor: ctx.actor, now: ctx.now, progress: onRows };
  const im = await import('../import/index.js');
  const encoding = () => source.encoding ?? 'utf-8';
  switch (what) {
    case 'responses': {
      const r = await im.importResponses(svc, ctx.assessmentId, source);
      return { what, rows: r.rows, added: r.added, unchanged: r.unchanged, encoding: encoding() };
    }
    case 'cases': {
      if (!ctx.secrets) throw new KpError('KP_INTERNAL', 'this runner has no key for personal data');
      const n = await im.importCases(svc, ctx.assessmentId, source, ctx.secrets());
      return { what, rows: n, encoding: encoding() };
    }
    case 'scores': {
      const n = await im.importScores(svc, ctx.assessmentId, source);
      return { what, rows: n, encoding: encoding() };
    }
  }
}

export const importJob: JobKindSpec<ImportJobParams> = {
  parse(raw) {
    const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const what = o.what;
    if (typeof what !== 'string' || !(IMPORT_KINDS as readonly string[]).includes(what))
      throw new KpError('KP_VALIDATION', { field: 'what', why: `expected ${IMPORT_KINDS.join(', ')}` });
    if (typeof o.fileName !== 'string' || o.fileName === '')
      throw new KpError('KP_VALIDATION', { field: 'fileName', why: 'expected the file name' });
    return { what: what as ImportWhat, fileName: uploadName(o.fileName) };
  },
  async run(ctx, params) {
    const db = ctx.handle.db;
    try {
      const file = await readJobFile(db, ctx.jobId);
      if (!file) throw new KpError('KP_CONFLICT', 'the uploaded file is gone: upload it again');
      const total = estimateRows(params.fileName, file.data);
      ctx.progress(0.02, `reading ${params.fileName}`);
      const onRows = (rows: number) =>
        ctx.progress(total ? Math.min(0.95, (rows / total) * 0.95) : 0.5, `${rows} rows read`);
      return await withUploadedFile(file.data, params.fileName, (source) =>
        runImporter(ctx, params.what, source, onRows),
      );
    } finally {
      await deleteJobFile(db, ctx.jobId);
    }
  },
};
