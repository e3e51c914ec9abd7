/**
 * Worker-thread entry of the parallel answer pass (see parallel-scan.ts): for each job it
 * receives, copies the job's block answers into the shared response table, runs scanRange on the
 * job's range and sends the part back, its arrays transferred, not copied. The table's columns
 * arrive as SharedArrayBuffers and the blocks' answers as transferred buffers: nothing is copied
 * on the way.
 */
import { parentPort } from 'node:worker_threads';
import type { ScanPart } from '../../core/scan.js';
import { runScanJob, type ScanJob } from './scan-job.js';

export type ScanReply = { part: ScanPart } | { error: string };

const port = parentPort;
if (port) {
  port.on('message', (job: ScanJob) => {
    let reply: ScanReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const part = runScanJob(job);
      reply = { part };
      transfer = [
        part.reasons,
        part.pending,
        part.pendingCell,
        part.pendingResp,
        part.cellCount,
        part.ratingCounts,
      ].map((a) => a.buffer as ArrayBuffer);
    } catch (e) {
      reply = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(reply, transfer);
  });
}
