/**
 * What every CLI command needs: the validated environment, an open and migrated database,
 * and the import context. Owned by the process entry points only.
 */
import { loadConfig, type AppConfig } from '../config.js';
import { createDb, migrate, sqliteFileIn, type DbHandle } from '../db/create-db.js';
import type { ImportContext } from '../services/import-responses.js';
import { loadSecretKey, secretBox, type SecretBox } from '../services/crypto.js';

export interface Runtime {
  config: Readonly<AppConfig>;
  handle: DbHandle;
  ctx: ImportContext;
  secrets(): SecretBox;
  close(): Promise<void>;
}

/** Progress on a TTY only: a single rewritten line on stderr. */
export function progressLine(label: string): ((n: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (n) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    process.stderr.write(`\r${label}: ${n.toLocaleString('en-US')} rows`);
  };
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

export async function openRuntime(actor = 'cli'): Promise<Runtime> {
  const config = loadConfig();
  const handle = createDb({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileIn(config.dataDir) });
  try {
    await migrate(handle);
  } catch (e) {
    await handle.close();
    throw e;
  }
  let box: SecretBox | undefined;
  return {
    config,
    handle,
    ctx: { handle, actor, now: () => new Date() },
    secrets() {
      box ??= secretBox(loadSecretKey(config.secretKey, config.dataDir));
      return box;
    },
    close: () => handle.close(),
  };
}
