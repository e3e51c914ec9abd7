import { noExtra, println, withRuntime, type Command } from '../command.js';

/** `kaoping assessments`: id, name and year, tab-separated, one a line. */
export const assessments: Command = async ({ args, io }) => {
  noExtra(args, 0);
  await withRuntime(io, async (rt) => {
    const { listAssessments } = await import('../../services/assessments.js');
    for (const a of await listAssessments(rt.ctx)) println(io, `${a.id}\t${a.name}\t${a.year}`);
  });
};
