/**
 * User administration for admins (the console's users page): list, create with a one-time
 * password, reset a password, disable. Every change is audited with its before and after.
 */
import { audit } from '../../db/repos/audit.js';
import { clearSignInFailures, deleteUserSessions } from '../../db/repos/sessions.js';
import { findUserByName, listUsers as listUserRows, updateUser, type UserRow } from '../../db/repos/users.js';
import type { User } from '../../shared/api/users.js';
import { KpError } from '../../shared/errors.js';
import { ROLES, type Role } from '../../shared/roles.js';
import type { ServiceContext } from '../context.js';
import { addUser, hashPassword, randomPassword } from './accounts.js';

const toUser = (r: UserRow): User => ({
  name: r.name,
  role: (ROLES as readonly string[]).includes(r.role) ? (r.role as Role) : 'agency',
  unitCode: r.unit_code,
  mustChangePassword: r.must_change_password === 1,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
});

export async function listUsers(ctx: Pick<ServiceContext, 'handle'>): Promise<User[]> {
  return (await listUserRows(ctx.handle.db)).map(toUser);
}

async function existing(ctx: Pick<ServiceContext, 'handle'>, name: string): Promise<UserRow> {
  const row = await findUserByName(ctx.handle.db, name);
  if (!row) throw new KpError('KP_NOT_FOUND', `user "${name}" does not exist`);
  return row;
}

/** Creates a user with a one-time password (returned once, never stored in clear). */
export async function createUser(
  ctx: ServiceContext,
  input: { name: string; role: Role; unitCode?: string | null | undefined },
): Promise<{ user: User; oneTimePassword: string }> {
  const pw = await addUser(
    ctx.handle.db,
    { name: input.name, role: input.role, unitCode: input.unitCode ?? null },
    ctx.actor,
    ctx.now(),
  );
  return { user: toUser(await existing(ctx, input.name.trim())), oneTimePassword: pw };
}

/** A new one-time password; the user's sessions end and the lockout is lifted. */
export async function resetPassword(
  ctx: ServiceContext,
  name: string,
): Promise<{ user: User; oneTimePassword: string }> {
  const before = await existing(ctx, name);
  const pw = randomPassword();
  const db = ctx.handle.db;
  await updateUser(db, before.id, { password_hash: await hashPassword(pw), must_change_password: 1 });
  await deleteUserSessions(db, before.id);
  await clearSignInFailures(db, before.name);
  await audit(
    db,
    {
      actor: ctx.actor,
      action: 'user.password-reset',
      assessmentId: null,
      details: {
        name,
        before: { mustChangePassword: before.must_change_password === 1 },
        after: { mustChangePassword: true },
      },
    },
    ctx.now().toISOString(),
  );
  return { user: toUser(await existing(ctx, name)), oneTimePassword: pw };
}

/** Disables an account: no more sign-ins, its sessions end. Admins cannot disable themselves. */
export async function disableUser(ctx: ServiceContext, name: string): Promise<User> {
  const before = await existing(ctx, name);
  if (before.name === ctx.actor)
    throw new KpError('KP_CONFLICT', 'you cannot disable your own account (ask another admin)');
  if (before.disabled_at !== null) return toUser(before);
  const at = ctx.now().toISOString();
  const db = ctx.handle.db;
  await updateUser(db, before.id, { disabled_at: at });
  await deleteUserSessions(db, before.id);
  await audit(
    db,
    {
      actor: ctx.actor,
      action: 'user.disable',
      assessmentId: null,
      details: { name, before: { disabledAt: null }, after: { disabledAt: at } },
    },
    at,
  );
  return toUser(await existing(ctx, name));
}
