/** What every migration file shares: the untyped Kysely they run on and the engine differences. */
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Engine } from './create-db.js';

export type Db = Kysely<unknown>;

/** An auto-increment integer primary key `id`, as each engine spells it. */
export function withId<T extends string>(
  b: CreateTableBuilder<T>,
  engine: Engine,
): CreateTableBuilder<T, 'id'> {
  return engine === 'sqlite'
    ? b.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : b.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}

/** The binary column type. */
export const blobType = (engine: Engine) => (engine === 'sqlite' ? 'blob' : 'bytea');
