/** PostgreSQL: row-level concurrency; per-assessment advisory locks serialise the writers that need it. */
import { sql } from 'kysely';
import type { EngineOps } from './engine-ops.js';

export const postgresOps: EngineOps = {
  location: 'PostgreSQL',
  writeTransaction: (db, fn) => db.transaction().execute(fn),
  async lockAssessment(trx, assessmentId) {
    // a 64-bit key from the id, namespaced so that other users of advisory locks do not collide
    await sql`select pg_advisory_xact_lock(hashtextextended(${`kaoping.assessment:${assessmentId}`}, 0))`.execute(
      trx,
    );
  },
  snapshot: (db, fn) =>
    db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn),
  async resetSequence(trx, table) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id')::regclass, coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  },
};
