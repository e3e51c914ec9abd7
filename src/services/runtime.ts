/**
 * Opens what every entry point (the CLI, the server) needs: the validated environment, an open
 * and migrated database, the service context and the secret box for personal data.
 */
import type { AppConfig } from '../config.js';
import { createDb, migrate, sqliteFileIn, type DbHandle } from '../db/create-db.js';
import type { ServiceContext } from './context.js';
import { loadSecretKey, secretBox, type SecretBox } from './crypto.js';

export interface Runtime {
  config: Readonly<AppConfig>;
  handle: DbHandle;
  ctx: ServiceContext;
  secrets(): SecretBox;
  close(): Promise<void>;
}

export async function openRuntime(config: Readonly<AppConfig>, actor: string): Promise<Runtime> {
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
