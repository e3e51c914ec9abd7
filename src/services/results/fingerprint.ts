/**
 * The fingerprint of an assessment's inputs: a SHA-256 over everything its results depend on
 * (the configuration, agencies, performance scores, phone dispositions, aggregates of the
 * responses, answer blocks and comments — see repos/snapshots.ts inputAggregates) and the method
 * version. Equal fingerprints: the analysis would give the same numbers; a snapshot whose
 * fingerprint differs from the current one is stale (newer data exists). A few indexed
 * aggregate queries, not a pass over the answers, so it is cheap at a million responses.
 */
import crypto from 'node:crypto';
import { METHOD_VERSION } from '../../core/method-version.js';
import type { Db } from '../../db/repos/common.js';
import { inputAggregates } from '../../db/repos/snapshots.js';

export async function inputsFingerprint(db: Db, assessmentId: string): Promise<string> {
  const inputs = await inputAggregates(db, assessmentId);
  return crypto
    .createHash('sha256')
    .update(JSON.stringify({ method: METHOD_VERSION, ...inputs }))
    .digest('hex');
}
