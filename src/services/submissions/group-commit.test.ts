import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.js';

describe('groupCommit', () => {
  it('writes what queued together in one batch, up to maxBatch, answering each job', async () => {
    const batches: number[][] = [];
    const w = groupCommit<number, string>(
      (jobs) => {
        batches.push([...jobs]);
        return Promise.resolve(jobs.map((j) => `ok${j}`));
      },
      { maxBatch: 4 },
    );
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((j) => w.push(j)));
    expect(results).toEqual(['ok1', 'ok2', 'ok3', 'ok4', 'ok5', 'ok6']);
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ]);
  });

  it('retries a failed batch job by job: a poisonous job fails alone, the writer goes on', async () => {
    const batches: number[][] = [];
    const w = groupCommit<number, number>(
      (jobs) => {
        batches.push([...jobs]);
        return jobs.includes(2)
          ? Promise.reject(new Error('disk on fire'))
          : Promise.resolve(jobs.map((j) => j * 10));
      },
      { maxBatch: 10 },
    );
    const settled = await Promise.allSettled([1, 2, 3].map((j) => w.push(j)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual([
      10,
      'Error: disk on fire',
      30,
    ]);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(await w.push(4)).toBe(40);
  });

  it('close() waits for the queued jobs and refuses new ones', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const done: number[] = [];
    const w = groupCommit<number, number>(
      async (jobs) => {
        await gate;
        done.push(...jobs);
        return [...jobs];
      },
      { maxBatch: 2 },
    );
    const pending = [1, 2, 3].map((j) => w.push(j));
    const closed = w.close();
    setTimeout(release, 20);
    await closed;
    expect(done).toEqual([1, 2, 3]);
    expect(await Promise.all(pending)).toEqual([1, 2, 3]);
    await expect(w.push(4)).rejects.toThrow('the submission writer is closed');
  });
});
