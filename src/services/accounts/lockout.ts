/**
 * The sign-in lockout: after `maxFailures` failed sign-ins for one user name within `lockMs`,
 * the name is locked for `lockMs`. Counted per name (existing or not, so a lock says nothing
 * about whether a user exists) and stored in the database, so it holds across servers.
 */
import { clearSignInFailures, findSignInFailure, upsertSignInFailure } from '../../db/repos/sessions.js';
import type { Db } from '../../db/repos/common.js';

export interface LockoutSettings {
  maxFailures: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutSettings = { maxFailures: 5, lockMs: 15 * 60_000 };

/** Seconds until `name` may try again, or 0 when it is not locked. */
export async function lockedFor(db: Db, name: string, now: Date): Promise<number> {
  const row = await findSignInFailure(db, name);
  if (!row?.locked_until) return 0;
  const ms = Date.parse(row.locked_until) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * Counts one failure; returns whether the name is now locked. A read then a write: two servers
 * racing may each count the same old value, which lets at most one extra attempt through.
 */
export async function recordFailure(db: Db, name: string, now: Date, s: LockoutSettings): Promise<boolean> {
  const row = await findSignInFailure(db, name);
  const windowStart = now.getTime() - s.lockMs;
  const stale =
    !row ||
    Date.parse(row.last_failed_at) < windowStart ||
    (row.locked_until !== null && Date.parse(row.locked_until) <= now.getTime());
  const failures = (stale ? 0 : row.failures) + 1;
  const locked = failures >= s.maxFailures;
  await upsertSignInFailure(db, {
    name,
    failures,
    last_failed_at: now.toISOString(),
    locked_until: locked ? new Date(now.getTime() + s.lockMs).toISOString() : null,
  });
  return locked;
}

export const clearFailures = (db: Db, name: string) => clearSignInFailures(db, name);
