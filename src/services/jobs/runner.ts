/**
 * The job runner of a server process: claims queued jobs from the database one at a time
 * (repos/jobs.ts claimNextJob, atomic, so several servers on one PostgreSQL never run the same
 * job), runs them through the kind table (kinds.ts) and records progress, the result or the
 * error. While a job runs its heartbeat is beaten; a running job whose heartbeat is older than
 * `staleAfterMs` belongs to a runner that stopped (a crash, a restart) and is failed by the next
 * sweep — at start and then on every poll — after which it can be retried.
 *
 * Nothing runs until start(); stop() ends the timers and waits for the job in hand, so tests and
 * buildApp never have timers they did not ask for.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { DbHandle } from '../../db/create-db.js';
import {
  claimNextJob,
  failAbandonedJobs,
  finishJob,
  updateJobProgress,
  type JobRow,
} from '../../db/repos/jobs.js';
import { asKpError } from '../../shared/errors.js';
import { JOB_KINDS, type JobHandler } from './kinds.js';
import type { JobKind } from '../../shared/api/jobs.js';
import type { SecretBox } from '../crypto.js';

export interface RunnerOptions {
  /** how often to look for queued jobs (default 500 ms) */
  pollMs?: number;
  /** how often a running job's heartbeat is written (default 5 s) */
  heartbeatMs?: number;
  /**
   * a running job without a heartbeat for this long is failed (default 120 s: longer than the
   * longest synchronous stretch of an analysis, during which no heartbeat can be written)
   */
  staleAfterMs?: number;
  /** progress is written at most this often (default 200 ms) */
  progressMs?: number;
  /** identifies this runner in the jobs table (default host:pid:random) */
  worker?: string;
  /** the kind table (tests swap in kinds of their own) */
  kinds?: Readonly<Record<string, JobHandler>>;
}

export interface RunnerContext {
  handle: DbHandle;
  now: () => Date;
  /** the key for personal data (an import of phone cases encrypts the numbers) */
  secrets?: (() => SecretBox) | undefined;
}

const ABANDONED = 'the server running this job stopped before it finished (no heartbeat); retry it';

export class JobRunner {
  readonly worker: string;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly staleAfterMs: number;
  private readonly progressMs: number;
  private readonly kinds: Readonly<Record<string, JobHandler>>;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: RunnerContext,
    opts: RunnerOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 500;
    this.heartbeatMs = opts.heartbeatMs ?? 5000;
    this.staleAfterMs = opts.staleAfterMs ?? 120_000;
    this.progressMs = opts.progressMs ?? 200;
    this.kinds = opts.kinds ?? JOB_KINDS;
    this.worker = opts.worker ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  }

  /** Fails abandoned jobs now, then polls for queued ones until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.current = this.tick().finally(() => this.schedule(this.pollMs));
    }, ms);
    // a server's listening socket keeps the process alive, not this timer
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.sweep();
      while (this.running && (await this.runOnce()));
    } catch {
      // the database is away for a moment: the next poll tries again
    }
  }

  /** Fails the running jobs whose heartbeat stopped; returns their ids. */
  async sweep(): Promise<number[]> {
    const now = this.ctx.now();
    const before = new Date(now.getTime() - this.staleAfterMs).toISOString();
    return failAbandonedJobs(this.ctx.handle.db, before, ABANDONED, now.toISOString());
  }

  /** Claims and runs one queued job; false when there was none to claim. */
  async runOnce(): Promise<boolean> {
    const job = await claimNextJob(this.ctx.handle.db, this.worker, this.ctx.now().toISOString());
    if (!job) return false;
    await this.run(job);
    return true;
  }

  private async run(job: JobRow): Promise<void> {
    const db = this.ctx.handle.db;
    const stamp = () => this.ctx.now().toISOString();
    // progress writes are chained (never two at once) and throttled; the last one always lands
    let writes: Promise<unknown> = Promise.resolve();
    let lastWrite = 0;
    const write = (p: { progress?: number; message?: string }) => {
      writes = writes
        .then(() => updateJobProgress(db, job.id, this.worker, { ...p, now: stamp() }))
        .catch(() => false);
    };
    const beat = setInterval(() => write({}), this.heartbeatMs);
    beat.unref();
    let outcome: {
      status: 'succeeded' | 'failed';
      result: string | null;
      error: string | null;
      message: string;
    };
    try {
      const kind: JobHandler | undefined = Object.hasOwn(this.kinds, job.kind)
        ? this.kinds[job.kind as JobKind]
        : undefined;
      if (!kind) throw new Error(`unknown job kind "${job.kind}"`);
      const result = await kind.run(
        {
          handle: this.ctx.handle,
          now: this.ctx.now,
          jobId: job.id,
          assessmentId: job.assessment_id,
          actor: job.created_by,
          secrets: this.ctx.secrets,
          progress: (fraction, message) => {
            const t = Date.now();
            if (t - lastWrite < this.progressMs) return;
            lastWrite = t;
            write({ progress: Math.min(1, Math.max(0, fraction)), message });
          },
        },
        JSON.parse(job.params),
      );
      outcome = { status: 'succeeded', result: JSON.stringify(result), error: null, message: 'done' };
    } catch (e) {
      outcome = { status: 'failed', result: null, error: asKpError(e).message, message: 'failed' };
    } finally {
      clearInterval(beat);
    }
    await writes;
    await finishJob(db, job.id, this.worker, { ...outcome, now: stamp() });
  }
}
