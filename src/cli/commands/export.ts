import { KpError } from '../../shared/errors.js';
import { endProgress, progressLine } from '../progress.js';
import { arg, need, noExtra, println, withRuntime, type Command } from '../command.js';

/** `kaoping export responses --assessment ID --out FILE.csv|xlsx|sav [--layout long|wide]`. */
export const exportCommand: Command = async ({ args, opts, io }) => {
  const what = arg(args, 0, 'what to export (responses)');
  // the performance-target sheet and its self-evaluation: their own command module
  if (what === 'targets' || what === 'self-evaluation')
    return (await import('./targets.js')).exportTargetsCommand({ args, opts, io });
  noExtra(args, 1);
  if (what !== 'responses')
    throw new KpError('KP_BAD_ARGUMENT', `export ${what}: only "responses" can be exported`);
  const layout = opts.layout;
  if (layout !== undefined && layout !== 'long' && layout !== 'wide') {
    throw new KpError('KP_BAD_ARGUMENT', '--layout: expected long or wide');
  }
  const file = need(opts, 'out');
  await withRuntime(io, async (rt) => {
    const { exportResponses } = await import('../../services/export/responses.js');
    const n = await exportResponses(
      rt.handle.db,
      need(opts, 'assessment'),
      file,
      layout,
      progressLine(io, 'exporting'),
    );
    endProgress(io);
    println(io, `wrote ${n} ${file.toLowerCase().endsWith('.sav') ? 'cases' : 'rows'} to ${file}`);
  });
};
