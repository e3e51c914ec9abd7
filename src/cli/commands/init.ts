import path from 'node:path';
import { noExtra, println, withRuntime, type Command } from '../command.js';

/** `kaoping init`: create or migrate the database. */
export const init: Command = async ({ args, io }) => {
  noExtra(args, 0);
  await withRuntime(io, (rt) => {
    println(
      io,
      rt.handle.engine === 'sqlite'
        ? `database ready: ${path.join(rt.config.dataDir, 'kaoping.db')}`
        : 'database ready (PostgreSQL)',
    );
    return Promise.resolve();
  });
};
