/**
 * The console's English texts: 报告 (reports page) and the portal's report download; one for every
 * key of zh/reports.ts.
 */
import type { reports as zh } from '../zh/reports';

export const reports: Record<keyof typeof zh, string> = {
  'nav.reports': 'Reports',
  'reports.generate.title': 'Generate reports',
  'reports.generate.intro':
    'One Word report per agency, plus the overall report. The numbers come from the latest results snapshot; if the data changed since, it is analysed again and stored as a new snapshot first. You can leave this page while it runs: the progress is still here when you come back.',
  'reports.generate': 'Generate reports',
  'reports.pdf': 'Also PDF',
  'reports.pdf.hint':
    'PDFs are converted by LibreOffice on the server and can take several minutes; leave this unticked when Word files are enough.',
  'reports.job.running': 'Generating reports (job #{id}): {message}',
  'reports.job.done': 'Reports generated (job #{id}, {at}, {files} files).',
  'reports.job.pdfSkipped': 'No PDFs: {why}.',
  'reports.job.failed': 'Report generation failed (job #{id})',
  'reports.job.failed.hint':
    'Deal with the error above (e.g. run the analysis on the results page, fix the data), then click Retry. The reports generated before can still be downloaded.',
  'reports.snapshot.from': 'The reports come from results snapshot #{id} (computed {at})',
  'reports.snapshot.newer': 'A newer results snapshot #{id} exists: Generate reports uses it.',
  'reports.snapshot.stale':
    'The data changed since: Generate reports analyses it again first, then writes the reports.',
  'reports.snapshot.current': 'The data has not changed since: the reports are current.',
  'reports.snapshot.mixed': 'Some files come from an earlier snapshot (e.g. PDFs not generated again).',
  'reports.published.same':
    'Snapshot #{id} is published: each agency can download its own report on its results page.',
  'reports.published.other':
    'Snapshot #{id} is published, but the reports come from #{from}: agency viewers download only reports made from the published snapshot.',
  'reports.published.none':
    'Results not yet published: agency viewers can download their reports after publication.',
  'reports.col.unit': 'Agency code',
  'reports.col.name': 'Name',
  'reports.col.kind': 'Kind',
  'reports.col.size': 'Size',
  'reports.col.at': 'Made at',
  'reports.col.snapshot': 'From snapshot',
  'reports.overall': 'Overall report',
  'reports.overall.code': '(overall)',
  'reports.download': 'Download',
  'reports.zip': 'Download all (zip)',
  'reports.export': 'report-files',
  'reports.files': 'Report files',
  'reports.search': 'Search agency code or name',
  'reports.empty': 'No reports yet: click Generate reports above.',
  'portal.report.download': 'Download our report',
  'portal.report.hint': 'A Word file, made from the published results.',
  'portal.report.none':
    'Our report has not been generated yet; it can be downloaded here once the office has.',
};
