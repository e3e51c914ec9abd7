/**
 * PDF through LibreOffice: one headless `soffice --convert-to pdf` call per folder (starting
 * LibreOffice costs seconds; converting a file after that, a fraction of one). A private profile
 * directory keeps it from colliding with a LibreOffice the user has open.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KpError } from '../../shared/errors.js';

const CANDIDATES = [
  '/usr/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
];

/** The soffice executable, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  return CANDIDATES.find((f) => fs.existsSync(f)) ?? null;
}

export async function convertToPdf(soffice: string, files: readonly string[], outDir: string): Promise<void> {
  if (files.length === 0) return;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-soffice-'));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          outDir,
          ...files,
        ],
        { timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 },
        (err, _stdout, stderr) => {
          if (err)
            reject(
              new KpError(
                'KP_INTERNAL',
                `LibreOffice could not convert the reports to PDF: ${String(stderr).trim() || err.message}`,
              ),
            );
          else resolve();
        },
      );
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
