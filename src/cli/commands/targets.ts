/**
 * The performance-target commands (SPEC §3, §4.8): `import targets FILE.json|xlsx` (through
 * import.ts) and `export targets --out FILE.xlsx|docx|json`, `export self-evaluation --out
 * FILE.xlsx|docx` (through export.ts).
 */
import { KpError } from '../../shared/errors.js';
import type { Runtime } from '../../services/runtime.js';
import { need, noExtra, println, withRuntime, type Command, type Options } from '../command.js';

/** `kaoping import targets FILE --assessment ID`: the one-line result. */
export async function importTargets(rt: Runtime, file: string, opts: Options): Promise<string> {
  const { importTargetsFile } = await import('../../services/targets/files.js');
  const sheet = await importTargetsFile(rt.ctx, need(opts, 'assessment'), file);
  const bound = sheet.indicators.filter((i) => i.metric !== undefined).length;
  return `imported the target sheet "${sheet.project.name}": ${sheet.indicators.length} indicators (${bound} bound to live figures), ${sheet.expenditures.length} expenditures`;
}

/**
 * `kaoping export targets|self-evaluation --assessment ID --out FILE`.
 */
export const exportTargetsCommand: Command = async ({ args, opts, io }) => {
  const what = args[0];
  noExtra(args, 1);
  const id = need(opts, 'assessment');
  const out = need(opts, 'out');
  await withRuntime(io, async (rt) => {
    const files = await import('../../services/targets/files.js');
    if (what === 'targets') await files.exportTargetsFile(rt.ctx, id, out);
    else if (what === 'self-evaluation') await files.exportEvaluationFile(rt.ctx, id, out);
    else throw new KpError('KP_BAD_ARGUMENT', `export ${what}: expected targets or self-evaluation`);
    println(io, `wrote ${out}`);
  });
};
