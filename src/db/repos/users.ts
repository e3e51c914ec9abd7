/** Repository of console users and API keys. */
import type { Insertable } from 'kysely';
import type { Database } from '../schema.js';
import type { Db } from './common.js';

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

export async function insertApiKey(db: Db, row: Insertable<Database['api_keys']>): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}
