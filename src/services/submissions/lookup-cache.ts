/**
 * The validation lookup (configuration and agencies) of each assessment, kept between
 * submissions: building it parses the configuration, far more than one submission's own
 * checks, and even asking the database whether it changed costs a round trip per request on
 * PostgreSQL. So a lookup is trusted for STAMP_TTL_MS before its stamp is read again; that is
 * safe because the writer compares every job's stamp with the one in its transaction and
 * re-checks stale jobs there (store-batch.ts), and a submission refused by a cached lookup is
 * checked again against a fresh one (`fresh`) before the refusal is answered.
 */
import type { Db } from '../../db/repos/common.js';
import { assessmentStamp } from '../../db/repos/submissions.js';
import { KpError } from '../../shared/errors.js';
import { responseLookup, type Lookup } from '../import/responses.js';

/** How long a lookup is used without reading its assessment's stamp. */
export const STAMP_TTL_MS = 1000;

export interface StampedLookup {
  lookup: Lookup;
  /** the assessment's stamp when the lookup was built (repos/submissions.ts assessmentStamp) */
  stamp: string;
}

export interface LookupCache {
  /** The lookup of an assessment, possibly up to STAMP_TTL_MS old; KP_NOT_FOUND when it does not exist. */
  get(db: Db, assessmentId: string): Promise<StampedLookup>;
  /** The lookup as the database has it now. */
  fresh(db: Db, assessmentId: string): Promise<StampedLookup>;
  /** A lookup built inside a transaction (the writer's re-check); replaces the cached one. */
  rebuild(db: Db, assessmentId: string, stamp: string): Promise<StampedLookup>;
}

export function lookupCache(clock: () => number = () => performance.now()): LookupCache {
  const cache = new Map<string, StampedLookup & { checkedAt: number }>();
  const rebuild = async (db: Db, assessmentId: string, stamp: string) => {
    const entry = { lookup: await responseLookup(db, assessmentId), stamp, checkedAt: clock() };
    cache.set(assessmentId, entry);
    return entry;
  };
  const fresh = async (db: Db, assessmentId: string) => {
    const stamp = await assessmentStamp(db, assessmentId);
    if (stamp === undefined) {
      cache.delete(assessmentId);
      throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" does not exist`);
    }
    const hit = cache.get(assessmentId);
    if (hit?.stamp !== stamp) return rebuild(db, assessmentId, stamp);
    hit.checkedAt = clock();
    return hit;
  };
  return {
    get(db, assessmentId) {
      const hit = cache.get(assessmentId);
      return hit && clock() - hit.checkedAt < STAMP_TTL_MS ? Promise.resolve(hit) : fresh(db, assessmentId);
    },
    fresh,
    rebuild,
  };
}
