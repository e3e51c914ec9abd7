import { KpError } from '../../shared/errors.js';
import { arg, noExtra, optional, println, withRuntime, type Command } from '../command.js';

const USAGE = 'usage: kaoping user add NAME --role ROLE [--unit CODE] | kaoping user reset-password NAME';

/**
 * `kaoping user add NAME --role ROLE [--unit CODE]`: prints a one-time password.
 * `kaoping user reset-password NAME`: a new one-time password, the user signed out everywhere —
 * the way back in when the only admin has forgotten the password.
 */
export const user: Command = async ({ args, opts, io }) => {
  if (args[0] !== 'add' && args[0] !== 'reset-password') throw new KpError('KP_BAD_ARGUMENT', USAGE);
  const name = arg(args, 1, 'NAME');
  noExtra(args, 2);
  if (args[0] === 'reset-password') {
    const { resetPassword } = await import('../../services/accounts/user-admin.js');
    await withRuntime(io, async (rt) => {
      const { oneTimePassword } = await resetPassword(rt.ctx, name);
      println(io, `new one-time password for ${name} (change it at the next sign-in):`);
      println(io, oneTimePassword);
    });
    return;
  }
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
