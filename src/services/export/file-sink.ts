/**
 * An output file written in large chunks, to `<file>.partial` first and renamed when complete,
 * so an interrupted export never leaves a file that looks whole.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

export class FileSink {
  private constructor(
    readonly file: string,
    private readonly fh: FileHandle,
  ) {}

  static async open(file: string): Promise<FileSink> {
    return new FileSink(file, await fs.promises.open(`${file}.partial`, 'w'));
  }

  /** Appends text (as UTF-8) or bytes; callers batch into chunks of about a megabyte. */
  async write(data: string | Uint8Array): Promise<void> {
    if (typeof data === 'string') await this.fh.write(data, null, 'utf8');
    else await this.fh.write(data);
  }

  async patch(b: Uint8Array, position: number): Promise<void> {
    await this.fh.write(b, 0, b.length, position);
  }

  async close(): Promise<void> {
    await this.fh.close();
    fs.renameSync(`${this.file}.partial`, this.file);
  }

  /** Closes and removes the partial file (after a failure). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    fs.rmSync(`${this.file}.partial`, { force: true });
  }
}
