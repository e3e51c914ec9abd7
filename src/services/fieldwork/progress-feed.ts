/**
 * Live fieldwork progress for server-sent event streams (the pattern of jobs/job-feed.ts): one
 * cheap query every `pollMs` (default 300 ms) reads a version of every assessment that has an
 * open stream on this server (repos/unit-channel-counts.ts progressVersions: stored responses,
 * newest snapshot, configuration change), whatever the number of streams. Only an
 * assessment whose version changed has its progress computed, once, for all its listeners.
 * Polling the database rather than listening inside the process is what makes a submission
 * stored by another server on the same PostgreSQL show up too. The version also carries the
 * minute, so that the schedule-paced statuses and the snapshot's age move on without new data.
 */
import { progressVersions } from '../../db/repos/unit-channel-counts.js';
import type { Progress } from '../../shared/api/progress.js';
import type { ServiceContext } from '../context.js';
import { PollLoop } from '../live/poll-loop.js';
import { assessmentProgress } from './progress.js';

type Listener = (progress: Progress) => void;

interface Watched {
  listeners: Set<Listener>;
  /** the version last computed; undefined until the first poll */
  version: string | undefined;
  last: Progress | undefined;
}

export class ProgressFeed {
  private readonly watched = new Map<string, Watched>();
  private readonly loop: PollLoop;

  constructor(
    private readonly ctx: Pick<ServiceContext, 'handle' | 'now'>,
    pollMs = 300,
  ) {
    this.loop = new PollLoop(() => this.poll(), pollMs);
  }

  /**
   * Calls `listener` with the assessment's progress now (the latest computed, if any) and
   * whenever it changes; returns the unsubscribe.
   */
  subscribe(assessmentId: string, listener: Listener): () => void {
    let w = this.watched.get(assessmentId);
    if (!w)
      this.watched.set(assessmentId, (w = { listeners: new Set(), version: undefined, last: undefined }));
    w.listeners.add(listener);
    // the latest computed (the next poll sends a newer one); else the first poll sends it
    if (w.last) listener(w.last);
    this.loop.start();
    const watched = w;
    return () => {
      watched.listeners.delete(listener);
      if (watched.listeners.size === 0 && this.watched.get(assessmentId) === watched)
        this.watched.delete(assessmentId);
      if (this.watched.size === 0) this.loop.stop();
    };
  }

  /** Stops polling (the server closes); waits for a poll under way. */
  async close(): Promise<void> {
    this.watched.clear();
    await this.loop.close();
  }

  private async poll(): Promise<void> {
    const ids = [...this.watched.keys()];
    let versions: Map<string, string>;
    try {
      versions = await progressVersions(this.ctx.handle.db, ids);
    } catch {
      return; // the database is away for a moment: the next poll tries again
    }
    const minute = Math.floor(this.ctx.now().getTime() / 60_000);
    for (const id of ids) {
      const w = this.watched.get(id);
      const v = versions.get(id);
      if (!w || v === undefined) continue; // deleted meanwhile: nothing to send
      const version = `${v}|${minute}`;
      if (w.version === version) continue;
      let progress: Progress;
      try {
        progress = await assessmentProgress(this.ctx, id);
      } catch {
        continue; // tried again at the next poll (the version is not recorded)
      }
      w.version = version;
      w.last = progress;
      for (const l of w.listeners) l(progress);
    }
  }
}
