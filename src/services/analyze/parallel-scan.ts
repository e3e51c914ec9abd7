/**
 * The answer pass (core/scan.ts) on several threads, overlapping the load of the blocks.
 *
 * The loader fills each block's per-response columns into the response table (allocated on
 * SharedArrayBuffers) and hands the block's answers over with its range of responses; the range
 * is queued, and the thread that takes it (a worker, or the main thread at the end) copies the
 * answers into the table (copyAnswers) and scans the range. Once every block is in, the main
 * thread marks duplicates (the one rule that compares responses across the table), takes what
 * is still queued, and finishScan merges the parts: the result is exactly that of
 * scanResponses on one thread.
 *
 * Workers run plain JavaScript: from the build (dist/) a worker starts scan-worker.js itself; from
 * the TypeScript sources (tests, development under tsx, whose loader is slow to start in a
 * worker) scan-worker.ts and the core code it imports are bundled with esbuild in memory the
 * first time a worker is needed (tens of milliseconds, while the first blocks load). Workers live for the rest of the process, unreferenced while idle so
 * they never keep it alive. A worker that cannot start leaves its share to the main thread; one
 * that fails after it was sent block answers fails the pass (those answers went with it).
 */
import { once } from 'node:events';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AssessmentConfig } from '../../core/config.js';
import { markDuplicates } from '../../core/response-reasons.js';
import type { ResponseTable } from '../../core/response-table.js';
import {
  finishScan,
  scanResponses,
  type ScanColumns,
  type ScanPart,
  type ScanResult,
} from '../../core/scan.js';
import { makeScoringPlan, type ScoringPlan } from '../../core/scoring-plan.js';
import { copyAnswers, type AnswerCopy } from '../../db/codec/answer-copy.js';
import type { LoadObserver } from './analysis-input.js';
import { runScanJob, type ScanJob } from './scan-job.js';
import type { ScanReply } from './scan-worker.js';

/** Below this many answers the pass stays on one thread (a worker would not pay for itself). */
export const PARALLEL_MIN_ANSWERS = 1_000_000;
/** At most this many threads, main included. */
export const MAX_THREADS = 4;
/** Queued ranges are joined into jobs of up to this many responses. */
const JOB_RESPONSES = 50_000;
/** Jobs sent to a worker ahead of its replies, so that it never waits for the main thread. */
const JOBS_AHEAD = 2;

/**
 * How many threads the pass over `answers` answers should use: `requested` when given (capped at
 * MAX_THREADS), else 1 below PARALLEL_MIN_ANSWERS and one per core up to MAX_THREADS above.
 */
export function threadsFor(answers: number, requested?: number): number {
  if (requested !== undefined) return Math.max(1, Math.min(MAX_THREADS, Math.floor(requested)));
  if (answers < PARALLEL_MIN_ANSWERS) return 1;
  return Math.max(1, Math.min(MAX_THREADS, os.availableParallelism()));
}

/** Whether this module runs from the build (dist/*.js) rather than the TypeScript sources. */
const BUILT = import.meta.url.endsWith('.js');
let bundled: Promise<string> | undefined;
const workers: (Promise<Worker | null> | undefined)[] = [];

/** scan-worker.ts and its imports as one CommonJS script. */
function workerSource(): Promise<string> {
  bundled ??= (async () => {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./scan-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const text = out.outputFiles[0]?.text;
    if (!text) throw new Error('esbuild produced no worker bundle');
    return text;
  })();
  bundled.catch(() => (bundled = undefined)); // a failed bundle is tried again next time
  return bundled;
}

/** Worker k (0-based), started if it is not running; null when it cannot start. */
function startWorker(k: number): Promise<Worker | null> {
  const running = workers[k];
  if (running) return running;
  const started = (async () => {
    try {
      // built JavaScript (dist/) starts the worker file itself; the TypeScript sources need a bundle
      const w = BUILT
        ? new Worker(new URL('./scan-worker.js', import.meta.url))
        : new Worker(await workerSource(), { eval: true });
      w.on('error', () => (workers[k] = undefined));
      w.on('exit', () => (workers[k] = undefined));
      await once(w, 'online'); // referenced until then: an awaited start keeps the process alive
      w.unref();
      return w;
    } catch {
      workers[k] = undefined;
      return null;
    }
  })();
  workers[k] = started;
  return started;
}

interface Waiter {
  resolve: (part: ScanPart) => void;
  reject: (e: Error) => void;
}
/** Per worker, the jobs sent and not yet answered: the worker answers them in order. */
const waiting = new WeakMap<Worker, Waiter[]>();

/** Routes a worker's replies to its jobs, and fails them all when the worker dies. */
function listen(w: Worker): Waiter[] {
  const queue: Waiter[] = [];
  const failAll = (e: Error) => {
    for (const job of queue.splice(0)) job.reject(e);
  };
  w.on('message', (reply: ScanReply) => {
    const job = queue.shift();
    if (!job) return;
    if ('error' in reply) job.reject(new Error(`scan worker: ${reply.error}`));
    else job.resolve(reply.part);
  });
  w.on('error', failAll);
  w.on('exit', (code) => failAll(new Error(`scan worker exited with code ${code}`)));
  return queue;
}

/**
 * Runs one job on a worker; rejects when the worker fails or exits. The buffers of the job's
 * block answers are transferred (the blocks are read for this job only), or copied when the
 * runtime refuses to transfer them.
 */
function runJob(w: Worker, job: ScanJob): Promise<ScanPart> {
  let queue = waiting.get(w);
  if (!queue) waiting.set(w, (queue = listen(w)));
  const jobs = queue;
  const transfer = new Set<ArrayBuffer>();
  for (const c of job.copies)
    for (const a of [c.target, c.item, c.value]) if (a.buffer instanceof ArrayBuffer) transfer.add(a.buffer);
  return new Promise((resolve, reject) => {
    jobs.push({ resolve, reject });
    try {
      w.postMessage(job, [...transfer]);
    } catch {
      w.postMessage(job);
    }
  });
}

const columnsOf = (t: ResponseTable): ScanColumns => ({
  n: t.n,
  channel: t.channel,
  group: t.group,
  respondentUnit: t.respondentUnit,
  durationS: t.durationS,
  answerStart: t.answerStart,
  target: t.target,
  item: t.item,
  value: t.value,
});

export interface ParallelScanResult {
  scan: ScanResult;
  /**
   * threads that took part: the main one (which always marks duplicates and merges the parts)
   * plus each worker that scanned a range
   */
  threads: number;
}

/** Responses from .. to-1, with the block answers still to be copied for them. */
interface Range {
  from: number;
  to: number;
  copies: AnswerCopy[];
}

/**
 * Drives the pass while loadAnalysisInput reads the blocks: pass it as the loader's observer,
 * then call finish() with the loaded table.
 * @example const pass = new ScanPipeline(); const input = await loadAnalysisInput(db, id, pass); const { scan } = await pass.finish(input.responses);
 */
export class ScanPipeline implements LoadObserver {
  private plan: ScoringPlan | undefined;
  private threads = 1;
  private columns: ScanColumns | undefined;
  private readonly queue: Range[] = [];
  private readonly parts: ScanPart[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly usedWorkers = new Set<Worker>();
  private readonly inFlight = new Map<Worker, number>();
  private starting: Promise<unknown> = Promise.resolve();
  private failure: Error | undefined;

  /** @param requested threads wanted (see threadsFor); undefined = decide from the size */
  constructor(private readonly requested?: number) {}

  start(info: { config: AssessmentConfig; nUnits: number; answers: number }): boolean {
    this.plan = makeScoringPlan(info.config, info.nUnits);
    this.threads = threadsFor(info.answers, this.requested);
    const started = Array.from({ length: this.threads - 1 }, (_, k) =>
      startWorker(k).then((w) => {
        if (!w) return;
        this.inFlight.set(w, 0);
        this.pump();
      }),
    );
    this.starting = Promise.all(started);
    return this.threads > 1;
  }

  /** Resolves once every worker of the pass has started or failed to (tests). */
  ready(): Promise<unknown> {
    return this.starting;
  }

  rows(table: ResponseTable, from: number, to: number, answers: AnswerCopy | null): void {
    if (this.threads <= 1) {
      if (answers) copyAnswers(table, answers);
      return;
    }
    this.columns ??= columnsOf(table);
    this.queue.push({ from, to, copies: answers ? [answers] : [] });
    this.pump();
  }

  /** The next job: queued ranges joined up to JOB_RESPONSES responses. */
  private take(): Range | undefined {
    const first = this.queue.shift();
    if (!first) return undefined;
    const job = { from: first.from, to: first.to, copies: [...first.copies] };
    while (this.queue[0] && this.queue[0].from === job.to && this.queue[0].to - job.from <= JOB_RESPONSES) {
      const next = this.queue.shift()!;
      job.to = next.to;
      job.copies.push(...next.copies);
    }
    return job;
  }

  /** Gives every live worker jobs up to JOBS_AHEAD. */
  private pump(): void {
    const { plan, columns } = this;
    if (!plan || !columns) return;
    for (const [w, n] of this.inFlight) {
      for (let k = n; k < JOBS_AHEAD; k++) {
        const range = this.take();
        if (!range) return;
        this.inFlight.set(w, (this.inFlight.get(w) ?? 0) + 1);
        w.ref(); // a pending job keeps the process alive
        const job: Promise<void> = runJob(w, { columns, plan, ...range }).then(
          (part) => {
            this.parts.push(part);
            this.usedWorkers.add(w);
            const left = (this.inFlight.get(w) ?? 1) - 1;
            this.inFlight.set(w, left);
            if (left === 0) w.unref();
            this.running.delete(job);
            this.pump();
          },
          (e: unknown) => {
            this.inFlight.delete(w);
            w.unref();
            this.running.delete(job);
            // the worker is gone: its range goes back to the queue for another thread, unless
            // the block answers it was sent went with it
            if (range.copies.length === 0) this.queue.unshift(range);
            else
              this.failure ??= new Error(
                `the scan worker failed: ${e instanceof Error ? e.message : String(e)}`,
              );
            this.pump();
          },
        );
        this.running.add(job);
      }
    }
  }

  /** Completes the pass over the loaded table. */
  async finish(t: ResponseTable): Promise<ParallelScanResult> {
    const plan = this.plan;
    if (!plan) throw new Error('ScanPipeline.finish before the load started');
    if (this.threads <= 1 || !this.columns) return { scan: scanResponses(t, plan, true), threads: 1 };
    const reasons = new Uint8Array(t.n);
    markDuplicates(t, reasons);

    // the main thread takes queued ranges too, letting worker replies in between
    while (this.queue.length > 0 || this.running.size > 0) {
      const range = this.take();
      if (range) {
        this.parts.push(runScanJob({ columns: this.columns, plan, ...range }));
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else {
        await Promise.race(this.running);
      }
    }
    if (this.failure) throw this.failure;
    const parts = [...this.parts].sort((a, b) => a.from - b.from);
    const threads = this.usedWorkers.size + 1;
    return { scan: finishScan(t, plan, parts, reasons, true), threads };
  }
}
