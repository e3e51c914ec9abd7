import { intOption, noExtra, println, withRuntime, type Command } from '../command.js';

/** `kaoping demo [--seed N]`: the demo assessment; its id is the last word printed. */
export const demo: Command = async ({ args, opts, io }) => {
  noExtra(args, 0);
  const seed = intOption(opts, 'seed', 0) ?? 1;
  await withRuntime(io, async (rt) => {
    const { loadDemo } = await import('../../services/demo.js');
    const r = await loadDemo(rt, seed);
    println(
      io,
      `demo assessment loaded: ${r.responses} responses, ${r.units} agencies, ${r.cases} phone cases`,
    );
    println(io, r.id);
  });
};
