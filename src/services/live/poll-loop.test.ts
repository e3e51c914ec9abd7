import { describe, expect, it } from 'vitest';
import { sleep, until } from '../../../test/support/until.js';
import { PollLoop } from './poll-loop.js';

/** A feed as the real ones use the loop: polls while it has listeners. */
function feed(poll: () => Promise<void>, intervalMs: number) {
  const listeners = new Set<object>();
  const loop = new PollLoop(poll, intervalMs);
  return {
    loop,
    subscribe(): () => void {
      const l = {};
      listeners.add(l);
      loop.start();
      return () => {
        listeners.delete(l);
        if (listeners.size === 0) loop.stop();
      };
    },
  };
}

describe('PollLoop', () => {
  it('polls at once and then every interval while subscribed, and stops when the last leaves', async () => {
    let polls = 0;
    const f = feed(() => {
      polls++;
      return Promise.resolve();
    }, 10);
    await sleep(30);
    expect(polls).toBe(0); // nobody listens: no poll
    const a = f.subscribe();
    const b = f.subscribe();
    await until(() => polls >= 1);
    await sleep(60);
    expect(polls).toBeGreaterThanOrEqual(3);
    a();
    const before = polls;
    await sleep(40);
    expect(polls).toBeGreaterThan(before); // b still listens
    b();
    const stopped = polls;
    await sleep(60);
    expect(polls).toBe(stopped);
    f.subscribe(); // a new listener starts it again
    await until(() => polls > stopped);
    await f.loop.close();
  });

  it('lets a poll under way when the last listener leaves finish, and runs none after it', async () => {
    let polls = 0;
    let running = 0;
    const f = feed(async () => {
      polls++;
      running++;
      await sleep(20);
      running--;
    }, 5);
    const a = f.subscribe();
    await until(() => running === 1);
    a();
    await until(() => running === 0);
    await sleep(40);
    expect(polls).toBe(1);
  });

  it('close() waits for the poll under way, and no poll runs after it', async () => {
    let release = () => {};
    let polls = 0;
    let finished = 0;
    const f = feed(async () => {
      polls++;
      await new Promise<void>((r) => (release = r));
      finished++;
    }, 5);
    f.subscribe();
    await until(() => polls === 1);
    let closed = false;
    const closing = f.loop.close().then(() => (closed = true));
    await sleep(30);
    expect(closed).toBe(false);
    release();
    await closing;
    expect(finished).toBe(1);
    f.subscribe(); // too late: the loop is closed
    await sleep(40);
    expect(polls).toBe(1);
  });

  it('never runs two polls at once, even when the last listener leaves and another joins mid-poll', async () => {
    let running = 0;
    let most = 0;
    let polls = 0;
    const f = feed(async () => {
      polls++;
      most = Math.max(most, ++running);
      await sleep(30);
      running--;
    }, 5);
    const a = f.subscribe();
    await until(() => running === 1);
    a();
    f.subscribe();
    await until(() => polls >= 3);
    expect(most).toBe(1);
    await f.loop.close();
    expect(running).toBe(0);
  });
});
