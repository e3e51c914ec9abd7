/**
 * 实施进度 — an assessment's fieldwork progress (shared/api/progress.ts): the stored counts
 * (unit_channel_counts, kept with every stored block) against the quotas and schedule windows
 * of its configuration (core/fieldwork-progress.ts), and the evaluation firm's satisfaction
 * rate from the newest results snapshot. Stored, not yet validated responses: the valid
 * sample is known after the analysis only.
 */
import { fieldworkProgress } from '../../core/fieldwork-progress.js';
import { loadConfigIfExists } from '../../db/repos/assessments.js';
import type { Db } from '../../db/repos/common.js';
import { latestSnapshot, type SnapshotRow } from '../../db/repos/snapshots.js';
import { unitChannelCounts } from '../../db/repos/unit-channel-counts.js';
import { listUnits } from '../../db/repos/units.js';
import type { Progress } from '../../shared/api/progress.js';
import { KpError } from '../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { ageSeconds, readObjects, tablesOf } from '../results/snapshot-meta.js';

type Ctx = Pick<ServiceContext, 'handle' | 'now'>;

/** firm_satisfaction_rate of a snapshot's summary table, null when it has none. */
async function firmRate(db: Db, row: SnapshotRow): Promise<number | null> {
  const t = tablesOf(row).find((m) => m.name === 'summary');
  if (!t) return null;
  const metric = (await readObjects(db, row.id, t)).find((r) => r.metric === 'firm_satisfaction_rate');
  const v = metric?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The progress of assessment `id`, or 404. */
export async function assessmentProgress(ctx: Ctx, id: string): Promise<Progress> {
  const db = ctx.handle.db;
  const [config, units, counts, snapshot] = await Promise.all([
    loadConfigIfExists(db, id),
    listUnits(db, id),
    unitChannelCounts(db, id),
    latestSnapshot(db, id),
  ]);
  if (!config) throw new KpError('KP_NOT_FOUND', `assessment "${id}" does not exist`);
  const now = ctx.now();
  const p = fieldworkProgress({ config, units, counts, nowMs: now.getTime() });
  return {
    assessmentId: id,
    computedAt: now.toISOString(),
    responses: p.responses,
    total: p.total,
    channels: p.channels,
    units: p.units,
    firm:
      p.firmResponses === null
        ? null
        : {
            responses: p.firmResponses,
            satisfactionRate: snapshot ? await firmRate(db, snapshot) : null,
            snapshot: snapshot
              ? {
                  id: snapshot.id,
                  createdAt: snapshot.created_at,
                  ageSeconds: ageSeconds(snapshot.created_at, now),
                }
              : null,
          },
  };
}
