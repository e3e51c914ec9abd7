import { KpError } from '../../shared/errors.js';
import { arg, noExtra, optional, println, withRuntime, type Command } from '../command.js';

/** `kaoping user add NAME --role ROLE [--unit CODE]`: prints a one-time password. */
export const user: Command = async ({ args, opts, io }) => {
  if (args[0] !== 'add')
    throw new KpError('KP_BAD_ARGUMENT', 'usage: kaoping user add NAME --role ROLE [--unit CODE]');
  const name = arg(args, 1, 'NAME');
  noExtra(args, 2);
  const { addUser, parseRole } = await import('../../services/accounts/accounts.js');
  const role = parseRole(optional(opts, 'role'));
  await withRuntime(io, async (rt) => {
    const pw = await addUser(
      rt.handle.db,
      { name, role, unitCode: optional(opts, 'unit') ?? null },
      'cli',
      new Date(),
    );
    println(io, `user ${name} (${role}) created; one-time password (change it at first sign-in):`);
    println(io, pw);
  });
};
