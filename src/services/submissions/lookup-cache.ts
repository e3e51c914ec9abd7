/**
 * The validation lookup (configuration and agencies) of each assessment, kept between
 * submissions: building it parses the configuration, far more than one submission's own
 * checks. Each use asks the database for the assessment's stamp (one indexed row) and rebuilds
 * the lookup when it changed, so a new agency or configuration counts from the next request.
 */
import type { Db } from '../../db/repos/common.js';
import { assessmentStamp } from '../../db/repos/submissions.js';
import { KpError } from '../../shared/errors.js';
import { responseLookup, type Lookup } from '../import/responses.js';

export interface StampedLookup {
  lookup: Lookup;
  /** the assessment's stamp when the lookup was built (repos/submissions.ts assessmentStamp) */
  stamp: string;
}

export interface LookupCache {
  /** The current lookup of an assessment; KP_NOT_FOUND when it does not exist. */
  get(db: Db, assessmentId: string): Promise<StampedLookup>;
  /** A lookup built inside a transaction (the writer's re-check); replaces the cached one. */
  rebuild(db: Db, assessmentId: string, stamp: string): Promise<StampedLookup>;
}

export function lookupCache(): LookupCache {
  const cache = new Map<string, StampedLookup>();
  const rebuild = async (db: Db, assessmentId: string, stamp: string) => {
    const entry = { lookup: await responseLookup(db, assessmentId), stamp };
    cache.set(assessmentId, entry);
    return entry;
  };
  return {
    async get(db, assessmentId) {
      const stamp = await assessmentStamp(db, assessmentId);
      if (stamp === undefined) {
        cache.delete(assessmentId);
        throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" does not exist`);
      }
      const hit = cache.get(assessmentId);
      return hit?.stamp === stamp ? hit : rebuild(db, assessmentId, stamp);
    },
    rebuild,
  };
}
