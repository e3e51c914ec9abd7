/** Polling waits for tests: a condition checked every few milliseconds, with a deadline. */

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until `ok()` holds, for at most `ms`; throws naming `what` when it does not. */
export async function until(ok: () => boolean, ms = 2000, what = 'the condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(2);
  }
}
