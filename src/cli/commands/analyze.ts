import { intOption, need, noExtra, println, withRuntime, type Command } from '../command.js';

/** `kaoping analyze --assessment ID --out DIR [--bootstrap N] [--seed N] [--threads N]`. */
export const analyze: Command = async ({ args, opts, io }) => {
  noExtra(args, 0);
  const id = need(opts, 'assessment');
  const dir = need(opts, 'out');
  const replicates = intOption(opts, 'bootstrap', 0);
  const threads = intOption(opts, 'threads', 1);
  const seed = intOption(opts, 'seed', 0) ?? 1;
  await withRuntime(io, async (rt) => {
    // loaded on demand: the analysis pulls in the Chinese segmenter
    const { runAnalysis } = await import('../../services/analyze/analyze.js');
    const files = await runAnalysis(rt.handle.db, id, dir, { replicates, seed, threads });
    println(io, `wrote ${files.length} files to ${dir}`);
  });
};
