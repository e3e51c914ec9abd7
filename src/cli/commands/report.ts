import { need, noExtra, println, withRuntime, type Command } from '../command.js';

/**
 * `kaoping report --assessment ID --out DIR [--no-pdf]`: one Word report per agency
 * (DIR/agencies/<unit_code>.docx) and the overall report (DIR/overall.docx), from the latest
 * results snapshot when it is current (else the analysis runs and stores one first); PDFs beside
 * them when LibreOffice is installed, unless --no-pdf. Prints the snapshot used.
 */
export const report: Command = async ({ args, opts, io }) => {
  noExtra(args, 0);
  const id = need(opts, 'assessment');
  const dir = need(opts, 'out');
  await withRuntime(io, async (rt) => {
    // loaded on demand: docx, ECharts and resvg are heavy
    const { generateReports } = await import('../../services/reports/reports.js');
    const out = await generateReports(rt.ctx, id, dir, { pdf: opts['no-pdf'] !== true });
    println(
      io,
      out.analysed
        ? `no current results snapshot: ran the analysis and stored snapshot ${out.snapshotId}`
        : `using results snapshot ${out.snapshotId} (current)`,
    );
    const docx = out.files.filter((f) => f.endsWith('.docx')).length;
    const pdf = out.files.length - docx;
    println(io, `wrote ${docx} Word files${pdf > 0 ? ` and ${pdf} PDF files` : ''} to ${dir}`);
    if (out.pdfSkipped) println(io, `no PDF: ${out.pdfSkipped}`);
  });
};
