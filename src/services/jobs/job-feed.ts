/**
 * Live job progress for server-sent event streams. One poll of the jobs table every `pollMs`
 * (default 500 ms) serves every open stream of this server, whatever the number of streams; it
 * runs only while a stream is open. Polling the table rather than listening inside the process
 * is what makes a job run by another server on the same PostgreSQL show up too (LISTEN/NOTIFY
 * would save the poll on PostgreSQL only; one indexed query per half second is cheap).
 * Each subscriber gets a job's state when it first sees it and then whenever its status,
 * progress or message changes.
 */
import { liveJobs } from '../../db/repos/jobs.js';
import type { Job } from '../../shared/api/jobs.js';
import type { ServiceContext } from '../context.js';
import { PollLoop } from '../live/poll-loop.js';
import { toJob } from './jobs.js';

type Listener = (job: Job) => void;

interface Subscriber {
  assessmentId: string;
  listener: Listener;
  /** job id → the version last sent */
  seen: Map<number, string>;
}

const versionOf = (j: Job) => `${j.status}|${j.progress}|${j.message ?? ''}`;

export class JobFeed {
  private readonly subscribers = new Set<Subscriber>();
  private readonly loop: PollLoop;
  private since: Date;

  constructor(
    private readonly ctx: Pick<ServiceContext, 'handle' | 'now'>,
    pollMs = 500,
  ) {
    this.since = ctx.now();
    this.loop = new PollLoop(() => this.poll(), pollMs);
  }

  /** Calls `listener` with the assessment's live jobs as they change; returns the unsubscribe. */
  subscribe(assessmentId: string, listener: Listener): () => void {
    const s: Subscriber = { assessmentId, listener, seen: new Map() };
    this.subscribers.add(s);
    this.loop.start();
    return () => {
      this.subscribers.delete(s);
      if (this.subscribers.size === 0) this.loop.stop();
    };
  }

  /** Stops polling (the server closes); waits for a poll under way. */
  async close(): Promise<void> {
    this.subscribers.clear();
    await this.loop.close();
  }

  private async poll(): Promise<void> {
    const ids = [...new Set([...this.subscribers].map((s) => s.assessmentId))];
    const now = this.ctx.now();
    // a second's margin: servers' clocks differ a little, and a job ending during the
    // previous poll must still be seen finished
    const since = new Date(this.since.getTime() - 1000).toISOString();
    let jobs: Job[];
    try {
      jobs = (await liveJobs(this.ctx.handle.db, ids, since)).map(toJob);
    } catch {
      return; // the database is away for a moment: the next poll tries again
    }
    this.since = now;
    for (const s of this.subscribers) {
      for (const j of jobs) {
        if (j.assessmentId !== s.assessmentId) continue;
        const v = versionOf(j);
        if (s.seen.get(j.id) === v) continue;
        s.seen.set(j.id, v);
        s.listener(j);
      }
    }
  }
}
