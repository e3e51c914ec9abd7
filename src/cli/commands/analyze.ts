import { intOption, need, noExtra, println, withRuntime, type Command } from '../command.js';

/**
 * `kaoping analyze --assessment ID --out DIR [--bootstrap N] [--seed N] [--threads N]`: writes
 * the §4.6 files and stores the same tables as a results snapshot (always: every run's files
 * have their snapshot, which the console can then publish); prints the snapshot id last.
 */
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
    const { files, snapshot } = await runAnalysis(rt.handle.db, id, dir, {
      replicates,
      seed,
      threads,
      snapshot: { actor: rt.ctx.actor, now: rt.ctx.now },
    });
    println(io, `wrote ${files.length} files to ${dir}`);
    if (snapshot) println(io, `stored results snapshot ${snapshot.id}`);
  });
};
