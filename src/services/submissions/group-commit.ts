/**
 * Group commit: jobs queued by concurrent requests are written by one writer, many per durable
 * transaction, and each caller is answered once its batch has committed. A durable commit costs
 * a disk flush whatever it holds, so one flush per batch instead of per request is what lets
 * the submission route outrun one-commit-per-request.
 *
 * A batch is whatever queued while the previous one was being written (up to `maxBatch`): a
 * lone request is written at once, a burst shares commits. `run` answers each job with its own
 * outcome (a conflict is an outcome, not a failure). When `run` throws — a bug, a full disk — a
 * batch of several is retried job by job, so that one poisonous job fails only itself, and the
 * writer goes on with the next batch.
 */

export interface GroupCommit<J, R> {
  /** Queues a job; resolves with its outcome once its batch has committed. */
  push(job: J): Promise<R>;
  /** Writes everything queued, then refuses new jobs. */
  close(): Promise<void>;
}

export interface GroupCommitOptions {
  /** the most jobs in one transaction */
  maxBatch: number;
}

interface Waiting<J, R> {
  job: J;
  resolve(r: R): void;
  reject(e: unknown): void;
}

/**
 * @example
 *   const writer = groupCommit((jobs) => storeAll(jobs), { maxBatch: 256 });
 *   const outcome = await writer.push(job); // after the commit that holds it
 */
export function groupCommit<J, R>(
  run: (jobs: readonly J[]) => Promise<R[]>,
  opts: GroupCommitOptions,
): GroupCommit<J, R> {
  let queue: Waiting<J, R>[] = [];
  let writing: Promise<void> | undefined;
  let closed = false;

  async function runEach(batch: readonly Waiting<J, R>[]): Promise<void> {
    try {
      const results = await run(batch.map((w) => w.job));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (e) {
      if (batch.length === 1) batch[0]!.reject(e);
      else for (const w of batch) await runEach([w]);
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, opts.maxBatch);
      queue = queue.slice(batch.length);
      await runEach(batch);
      // Let the event loop read the requests that arrived during the commit before the next
      // batch is cut: they join it instead of each waiting for a commit of its own.
      if (queue.length > 0 && queue.length < opts.maxBatch) await new Promise((r) => setImmediate(r));
    }
  }

  function start(): void {
    writing ??= new Promise<void>((r) => setImmediate(r)).then(drain).finally(() => {
      writing = undefined;
      if (queue.length > 0) start();
    });
  }

  return {
    push(job) {
      if (closed) return Promise.reject(new Error('the submission writer is closed'));
      return new Promise<R>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        start();
      });
    },
    async close() {
      closed = true;
      while (writing) await writing;
    },
  };
}
