import { KpError } from '../../shared/errors.js';
import { noExtra, optional, println, withRuntime, type Command } from '../command.js';

/** `kaoping apikey create --role ROLE [--assessment ID]`: the key is the last word printed. */
export const apikey: Command = async ({ args, opts, io }) => {
  if (args[0] !== 'create')
    throw new KpError('KP_BAD_ARGUMENT', 'usage: kaoping apikey create --role ROLE [--assessment ID]');
  noExtra(args, 1);
  const { createApiKey, parseRole } = await import('../../services/accounts/accounts.js');
  const role = parseRole(optional(opts, 'role'));
  await withRuntime(io, async (rt) => {
    const id = optional(opts, 'assessment') ?? null;
    const key = await createApiKey(rt.handle.db, role, id, 'cli', new Date());
    println(io, `API key for role ${role}${id ? ` on ${id}` : ''} (shown once):`);
    println(io, key);
  });
};
