/**
 * Worker-thread entry of the parallel answer pass (see parallel-scan.ts): runs scanRange on the
 * range of each job it receives and sends the part back, its arrays transferred, not copied.
 * The response columns arrive in SharedArrayBuffers, so no job copies the answers.
 */
import { parentPort } from 'node:worker_threads';
import { scanRange, type ScanColumns, type ScanPart } from '../core/scan.js';
import type { ScoringPlan } from '../core/scoring-plan.js';

export interface ScanJob {
  columns: ScanColumns;
  plan: ScoringPlan;
  from: number;
  to: number;
}

export type ScanReply = { part: ScanPart } | { error: string };

const port = parentPort;
if (port) {
  port.on('message', (job: ScanJob) => {
    let reply: ScanReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const part = scanRange(job.columns, job.plan, job.from, job.to, true);
      reply = { part };
      transfer = [part.reasons, part.pending, part.pendingCell, part.pendingResp, part.cellCount, part.ratingCounts].map(
        (a) => a.buffer as ArrayBuffer,
      );
    } catch (e) {
      reply = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(reply, transfer);
  });
}
