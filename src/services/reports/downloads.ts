/**
 * Generated report files for download: the list, one file, or all of them as one zip. Staff see
 * every file; an agency viewer sees its own agency's .docx only, and only once the snapshot it
 * was made from is the published one (before that: KP_EMBARGO).
 */
import JSZip from 'jszip';
import {
  listReportFiles,
  readReportFile,
  type ReportFileInfo,
  type ReportKind,
} from '../../db/repos/report-files.js';
import { findPublication } from '../../db/repos/snapshots.js';
import { KpError } from '../../shared/errors.js';
import { confinedUnit, type Principal } from '../accounts/principal.js';
import type { ServiceContext } from '../context.js';

type Ctx = Pick<ServiceContext, 'handle'>;

/** What a principal may download: everything for staff (null), else a filter. */
async function visibleTo(
  ctx: Ctx,
  assessmentId: string,
  p: Principal | null,
): Promise<((f: ReportFileInfo) => boolean) | null> {
  const unit = p === null ? null : confinedUnit(p);
  if (unit === null) return null;
  const published = (await findPublication(ctx.handle.db, assessmentId))?.snapshotId;
  return (f) => f.unitCode === unit && f.kind === 'docx' && f.snapshotId === published;
}

/** The files a principal may download (null principal: a trusted caller, e.g. the CLI). */
export async function reportFiles(
  ctx: Ctx,
  assessmentId: string,
  p: Principal | null = null,
): Promise<ReportFileInfo[]> {
  const all = await listReportFiles(ctx.handle.db, assessmentId);
  const may = await visibleTo(ctx, assessmentId, p);
  return may === null ? all : all.filter(may);
}

export async function reportFile(
  ctx: Ctx,
  assessmentId: string,
  id: number,
  p: Principal | null = null,
): Promise<ReportFileInfo & { data: Buffer }> {
  const f = await readReportFile(ctx.handle.db, assessmentId, id);
  if (!f) throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" has no report file ${id}`);
  const may = await visibleTo(ctx, assessmentId, p);
  if (may !== null && !may(f)) {
    if (p !== null && f.unitCode === confinedUnit(p) && f.kind === 'docx')
      throw new KpError(
        'KP_EMBARGO',
        'this report is shown once the assessment office publishes its results',
      );
    throw new KpError('KP_FORBIDDEN', {
      field: 'file',
      why: "an agency viewer may download its own agency's report only",
    });
  }
  return f;
}

/** Every stored file of the given kinds as one zip: overall.* at the top, agencies/<code>.* below. */
export async function reportsZip(
  ctx: Ctx,
  assessmentId: string,
  kinds: readonly ReportKind[] = ['docx', 'pdf'],
): Promise<Buffer> {
  const zip = new JSZip();
  for (const info of await listReportFiles(ctx.handle.db, assessmentId)) {
    if (!kinds.includes(info.kind)) continue;
    const f = await reportFile(ctx, assessmentId, info.id);
    zip.file(info.unitCode === null ? f.fileName : `agencies/${f.fileName}`, f.data);
  }
  // docx and pdf are compressed already: store them
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
