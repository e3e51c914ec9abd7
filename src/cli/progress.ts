import type { CliIo } from './io.js';

/** Progress on a TTY only: a single rewritten line on stderr. */
export function progressLine(io: CliIo, label: string): ((n: number) => void) | undefined {
  if (!io.isTTY) return undefined;
  let last = 0;
  return (n) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    io.stderr(`\r${label}: ${n.toLocaleString('en-US')} rows`);
  };
}

export function endProgress(io: CliIo): void {
  if (io.isTTY) io.stderr('\r\x1b[K');
}
