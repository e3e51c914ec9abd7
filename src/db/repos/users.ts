/** Repository of console users and API keys. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Database } from '../schema.js';
import type { Db } from './common.js';

export type UserRow = Selectable<Database['users']>;
export type ApiKeyRow = Selectable<Database['api_keys']>;

export async function userExists(db: Db, name: string): Promise<boolean> {
  return (
    (await db.selectFrom('users').select('id').where('name', '=', name).executeTakeFirst()) !== undefined
  );
}

/** Whether any assessment has an agency with this code (agency viewers belong to one). */
export async function unitCodeExists(db: Db, code: string): Promise<boolean> {
  return (
    (await db.selectFrom('units').select('code').where('code', '=', code).executeTakeFirst()) !== undefined
  );
}

export async function insertUser(db: Db, row: Insertable<Database['users']>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function findUserByName(db: Db, name: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('name').execute();
}

export async function updateUser(db: Db, id: number, set: Updateable<Database['users']>): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

export async function insertApiKey(db: Db, row: Insertable<Database['api_keys']>): Promise<number> {
  const r = await db.insertInto('api_keys').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

export async function findApiKeyById(db: Db, id: number): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('id').execute();
}

export async function revokeApiKey(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).execute();
}

/** The assessments that have an agency with this code (what an agency viewer may open). */
export async function assessmentIdsWithUnit(db: Db, code: string): Promise<string[]> {
  const rows = await db.selectFrom('units').select('assessment_id').where('code', '=', code).execute();
  return rows.map((r) => r.assessment_id);
}
