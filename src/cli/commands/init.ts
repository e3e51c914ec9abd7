import { noExtra, println, withRuntime, type Command } from '../command.js';

/** `kaoping init`: create or migrate the database. */
export const init: Command = async ({ args, io }) => {
  noExtra(args, 0);
  await withRuntime(io, (rt) => {
    println(io, `database ready: ${rt.handle.ops.location}`);
    return Promise.resolve();
  });
};
