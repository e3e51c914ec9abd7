/**
 * What a use case needs from its caller, whoever that is (the CLI, the server, a job): the
 * database, who acts, the clock, and the key that encrypts personal data. Entry points build it
 * once (openRuntime); services take it as their first argument.
 */
import type { DbHandle } from '../db/create-db.js';

export interface ServiceContext {
  handle: DbHandle;
  /** who acts, for the audit log: a user name, "cli", "demo", … */
  actor: string;
  now: () => Date;
  /** progress callback of long work (rows read so far) */
  progress?: ((rows: number) => void) | undefined;
}
