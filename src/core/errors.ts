/**
 * The error catalog. Expected failures carry a stable code and, for file input, the file,
 * line (header = line 1) and column, so the one-line message reads `FILE:LINE: column C: why`.
 */
export type ErrorCode =
  | 'KP_BAD_ARGUMENT'
  | 'KP_NOT_FOUND'
  | 'KP_CONFLICT'
  | 'KP_IMPORT_BAD_FILE'
  | 'KP_IMPORT_BAD_ROW'
  | 'KP_CONFIG_INVALID';

export class KpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KpError';
  }
}

/** A bad row (or header, line 1) in an input file. */
export function badRow(file: string, line: number, column: string | null, why: string): KpError {
  const where = column === null ? '' : ` column ${column}:`;
  return new KpError('KP_IMPORT_BAD_ROW', `${file}:${line}:${where} ${why}`);
}

export function badFile(file: string, why: string): KpError {
  return new KpError('KP_IMPORT_BAD_FILE', `${file}: ${why}`);
}
