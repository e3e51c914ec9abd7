/**
 * Repository of console sessions and of the failed sign-ins behind the lockout. Timestamps are
 * ISO 8601 text (UTC, same width), so comparing strings compares instants on both engines.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../schema.js';
import type { Db } from './common.js';

export type SessionRow = Selectable<Database['sessions']>;
export type SignInFailureRow = Selectable<Database['sign_in_failures']>;

export async function insertSession(db: Db, row: Insertable<Database['sessions']>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session with this id (the token's hash), with its user, or undefined. */
export async function findSession(db: Db, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.name',
      'users.role',
      'users.unit_code',
      'users.must_change_password',
      'users.disabled_at',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes every session of a user, except `keep` when given (the one changing its password). */
export async function deleteUserSessions(db: Db, userId: number, keep?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep !== undefined) q = q.where('id', '!=', keep);
  await q.execute();
}

/** Deletes sessions past their absolute expiry or idle since before `idleBefore`. */
export async function deleteExpiredSessions(db: Db, now: string, idleBefore: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
    .execute();
}

export async function findSignInFailure(db: Db, name: string): Promise<SignInFailureRow | undefined> {
  return db.selectFrom('sign_in_failures').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Inserts or replaces the failure count of a user name. */
export async function upsertSignInFailure(db: Db, row: SignInFailureRow): Promise<void> {
  await db
    .insertInto('sign_in_failures')
    .values(row)
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        failures: row.failures,
        last_failed_at: row.last_failed_at,
        locked_until: row.locked_until,
      }),
    )
    .execute();
}

export async function clearSignInFailures(db: Db, name: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('name', '=', name).execute();
}
