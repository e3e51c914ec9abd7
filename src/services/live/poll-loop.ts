/**
 * The timer of a live feed (fieldwork/progress-feed.ts, jobs/job-feed.ts): `poll` runs once at
 * `start()` and then every `intervalMs` after the previous poll ended, until `stop()`. Polls
 * never overlap: a `start()` while a poll is under way only lets the loop go on after it. The
 * timer is unref'd, so an idle feed does not keep the process alive; `close()` stops for good and
 * waits for a poll under way, so the database can close after it.
 *
 * `poll` should catch its own errors (a database away for a moment: the next poll tries again);
 * a rejection is not swallowed here, and the loop still goes on after it.
 *
 * @example
 * class Feed {
 *   private readonly listeners = new Set<() => void>();
 *   private readonly loop = new PollLoop(() => this.poll(), 500);
 *   subscribe(l: () => void): () => void {
 *     this.listeners.add(l);
 *     this.loop.start(); // polls now, unless already polling
 *     return () => {
 *       this.listeners.delete(l);
 *       if (this.listeners.size === 0) this.loop.stop();
 *     };
 *   }
 *   close = () => this.loop.close(); // the server closes
 *   private async poll() {
 *     // read the database, call the listeners whose data changed
 *   }
 * }
 */
export class PollLoop {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private running = false;
  private closed = false;

  constructor(
    private readonly poll: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** Polls now and then every `intervalMs`, unless already doing so (or closed). */
  start(): void {
    if (this.closed) return;
    this.running = true;
    if (!this.timer && !this.inFlight) this.schedule(0);
  }

  /** Stops polling (the last listener left); a poll under way finishes. */
  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops for good (the server closes); waits for a poll under way. */
  async close(): Promise<void> {
    this.closed = true;
    this.stop();
    await this.inFlight;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.poll().finally(() => {
        this.inFlight = undefined;
        if (this.running) this.schedule(this.intervalMs);
      });
    }, ms);
    this.timer.unref();
  }
}
