import { arg, noExtra, println, withRuntime, type Command } from '../command.js';

/** `kaoping backup FILE`: a consistent snapshot of the whole store. */
export const backup: Command = async ({ args, io }) => {
  const file = arg(args, 0, 'FILE');
  noExtra(args, 1);
  const { backup: run } = await import('../../services/backup/backup.js');
  await withRuntime(io, async (rt) => println(io, `backed up ${await run(rt.handle, file)} rows to ${file}`));
};

/** `kaoping restore FILE`: replaces the whole store, all or nothing. */
export const restore: Command = async ({ args, io }) => {
  const file = arg(args, 0, 'FILE');
  noExtra(args, 1);
  const { restore: run } = await import('../../services/backup/backup.js');
  await withRuntime(io, async (rt) =>
    println(io, `restored ${await run(rt.handle, file, 'cli', new Date())} rows from ${file}`),
  );
};
