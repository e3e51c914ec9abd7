/**
 * An uploaded file (the raw body of an HTTP import) as a TableSource: written to a private
 * temporary file so that the file readers serve uploads exactly as they serve the CLI, named in
 * every error by the name the user gave it (never the temporary path), and deleted afterwards.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isKpError, KpError, oneLine } from '../../shared/errors.js';
import { fileSource, type TableSource } from './table-reader.js';

/** The base name the user gave, without folders or control characters. */
export function uploadName(filename: string): string {
  const base = path.basename(filename.replace(/\\/g, '/'));
  return oneLine(base).slice(0, 255) || 'upload';
}

export async function withUploadedFile<T>(
  bytes: Buffer,
  filename: string,
  use: (source: TableSource) => Promise<T>,
): Promise<T> {
  const name = uploadName(filename);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kaoping-upload-'));
  const tmp = path.join(dir, `upload${path.extname(name).toLowerCase()}`);
  const renamed = (e: unknown): unknown => {
    if (!isKpError(e)) return e;
    const f = e.fields;
    if (f.file !== tmp && !f.why.includes(tmp)) return e;
    return new KpError(e.code, {
      ...f,
      file: f.file === tmp ? name : f.file,
      why: f.why.replaceAll(tmp, name),
    });
  };
  try {
    await fs.writeFile(tmp, bytes, { mode: 0o600 });
    const inner = fileSource(tmp);
    const source: TableSource = {
      name,
      async *read(spec) {
        try {
          yield* inner.read(spec);
        } catch (e) {
          throw renamed(e);
        } finally {
          if (inner.encoding !== undefined) source.encoding = inner.encoding;
        }
      },
    };
    return await use(source);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
