/** The database health probe. */
import { sql } from 'kysely';
import type { Db } from './common.js';

/** True when the database answers a trivial query (for /healthz). */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
