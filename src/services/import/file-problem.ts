/** File-system failures as one-line errors naming the file. */
import fs from 'node:fs';
import { badFile, isKpError, KpError, type ErrorCode } from '../../shared/errors.js';

export const FS_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'a folder, not a file',
  EACCES: 'permission denied (the file cannot be read)',
  EPERM: 'permission denied (the file cannot be read)',
  ELOOP: 'a symbolic link loop',
};

/** A file-system failure as a one-line KpError naming the file. */
export function fileProblem(file: string, e: unknown): KpError {
  if (isKpError(e)) return e;
  const code = (e as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? FS_PROBLEMS[code] : undefined;
  return badFile(file, known ?? `cannot be read: ${e instanceof Error ? e.message : String(e)}`);
}

/** Throws a one-line KpError unless `file` is a regular file (a folder, a missing file, a loop). */
export function assertRegularFile(file: string, code: ErrorCode = 'KP_IMPORT_BAD_FILE'): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new KpError(code, { file, why: fileProblem(file, e).fields.why });
  }
  if (stat.isDirectory()) throw new KpError(code, { file, why: FS_PROBLEMS.EISDIR! });
  if (!stat.isFile()) throw new KpError(code, { file, why: 'not a regular file' });
}
