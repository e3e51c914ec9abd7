/**
 * Console sessions: sign-in (argon2id, lockout), the session behind a cookie, sign-out and the
 * own-password change. A session is a random 256-bit token in an HttpOnly cookie; the database
 * holds only its SHA-256, so several servers share sessions and a copy of the table signs no
 * one in. Expiry: `idleMs` without a request, or `absoluteMs` after sign-in, whichever is first.
 */
import crypto from 'node:crypto';
import { audit } from '../../db/repos/audit.js';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  insertSession,
  touchSession,
} from '../../db/repos/sessions.js';
import { findUserById, findUserByName, updateUser } from '../../db/repos/users.js';
import { KpError } from '../../shared/errors.js';
import { ROLES, type Role } from '../../shared/roles.js';
import type { ServiceContext } from '../context.js';
import { hashPassword, randomPassword, verifyPassword } from './accounts.js';
import { clearFailures, DEFAULT_LOCKOUT, lockedFor, recordFailure, type LockoutSettings } from './lockout.js';
import type { SessionPrincipal } from './principal.js';

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
  /**
   * last_seen_at is written at most this often: a write per request would make every console
   * click a database write; idle expiry is then exact to within this much.
   */
  touchEveryMs: number;
  lockout: LockoutSettings;
}

export const DEFAULT_SESSIONS: SessionSettings = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  touchEveryMs: 60_000,
  lockout: DEFAULT_LOCKOUT,
};

type Ctx = Pick<ServiceContext, 'handle' | 'now'>;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const token = () => crypto.randomBytes(32).toString('base64url');
const toRole = (r: string): Role => {
  if ((ROLES as readonly string[]).includes(r)) return r as Role;
  throw new Error(`stored user has an unknown role "${r}"`);
};

/**
 * Verified against when the user does not exist, so that a wrong name costs as much time as a
 * wrong password and the answer's timing does not reveal which users exist.
 */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(randomPassword()));

const badCredentials = () =>
  new KpError('KP_BAD_CREDENTIALS', 'wrong user name or password (or the account is disabled)');

export interface SignIn {
  /** the cookie value; shown to the browser only */
  token: string;
  principal: SessionPrincipal;
}

/** Signs in; a new session (a new id) every time. Failures are audited, never with the password. */
export async function signIn(
  ctx: Ctx,
  input: { name: string; password: string; ip: string },
  s: SessionSettings = DEFAULT_SESSIONS,
): Promise<SignIn> {
  const db = ctx.handle.db;
  const now = ctx.now();
  const at = now.toISOString();
  const name = input.name.trim();
  const wait = await lockedFor(db, name, now);
  if (wait > 0) {
    await audit(
      db,
      {
        actor: 'anonymous',
        action: 'session.sign-in-refused',
        assessmentId: null,
        details: { name, ip: input.ip, reason: 'locked' },
      },
      at,
    );
    throw new KpError('KP_SIGN_IN_LOCKED', {
      why: `too many failed sign-ins for this user name: try again in ${Math.ceil(wait / 60)} minutes`,
      retryAfter: wait,
    });
  }
  const user = await findUserByName(db, name);
  const ok = await verifyPassword(user?.password_hash ?? (await dummy()), input.password);
  if (!user || !ok || user.disabled_at !== null) {
    const locked = await recordFailure(db, name, now, s.lockout);
    await audit(
      db,
      {
        actor: 'anonymous',
        action: 'session.sign-in-failed',
        assessmentId: null,
        details: { name, ip: input.ip, lockedNow: locked },
      },
      at,
    );
    throw badCredentials();
  }
  await clearFailures(db, name);
  // Housekeeping on sign-in (rare) rather than on a timer: no server owns the shared table.
  await deleteExpiredSessions(db, at, new Date(now.getTime() - s.idleMs).toISOString());
  const t = token();
  const row = {
    id: sha256(t),
    user_id: user.id,
    csrf_token: token(),
    created_at: at,
    last_seen_at: at,
    expires_at: new Date(now.getTime() + s.absoluteMs).toISOString(),
  };
  await insertSession(db, row);
  await audit(
    db,
    { actor: name, action: 'session.sign-in', assessmentId: null, details: { ip: input.ip } },
    at,
  );
  return {
    token: t,
    principal: {
      kind: 'session',
      userId: user.id,
      name: user.name,
      role: toRole(user.role),
      unitCode: user.unit_code,
      mustChangePassword: user.must_change_password === 1,
      sessionId: row.id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
    },
  };
}

/** The live session behind a cookie's token, or undefined (unknown, expired, user disabled). */
export async function resolveSession(
  ctx: Ctx,
  cookieToken: string,
  s: SessionSettings = DEFAULT_SESSIONS,
): Promise<SessionPrincipal | undefined> {
  const db = ctx.handle.db;
  const now = ctx.now().getTime();
  const id = sha256(cookieToken);
  const row = await findSession(db, id);
  if (!row) return undefined;
  const idleUntil = Date.parse(row.last_seen_at) + s.idleMs;
  if (Date.parse(row.expires_at) <= now || idleUntil <= now || row.disabled_at !== null) {
    await deleteSession(db, id);
    return undefined;
  }
  if (now - Date.parse(row.last_seen_at) >= s.touchEveryMs)
    await touchSession(db, id, new Date(now).toISOString());
  return {
    kind: 'session',
    userId: row.user_id,
    name: row.name,
    role: toRole(row.role),
    unitCode: row.unit_code,
    mustChangePassword: row.must_change_password === 1,
    sessionId: row.id,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

/** Deletes the session (the cookie is then worth nothing, on every server). */
export async function signOut(ctx: Ctx, p: SessionPrincipal): Promise<void> {
  await deleteSession(ctx.handle.db, p.sessionId);
  await audit(
    ctx.handle.db,
    { actor: p.name, action: 'session.sign-out', assessmentId: null, details: {} },
    ctx.now().toISOString(),
  );
}

/**
 * Changes the signed-in user's own password (required first when it is a one-time password).
 * Every other session of the user ends: whoever knew the old password is signed out.
 */
export async function changeOwnPassword(
  ctx: Ctx,
  p: SessionPrincipal,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const db = ctx.handle.db;
  const user = await findUserById(db, p.userId);
  if (!user) throw new KpError('KP_UNAUTHENTICATED', 'the account no longer exists');
  if (!(await verifyPassword(user.password_hash, currentPassword)))
    throw new KpError('KP_VALIDATION', { field: 'currentPassword', why: 'the current password is wrong' });
  if (newPassword === currentPassword)
    throw new KpError('KP_VALIDATION', {
      field: 'newPassword',
      why: 'the new password must differ from the current one',
    });
  if (newPassword.toLowerCase().includes(user.name.toLowerCase()))
    throw new KpError('KP_VALIDATION', {
      field: 'newPassword',
      why: 'the new password must not contain the user name',
    });
  await updateUser(db, user.id, { password_hash: await hashPassword(newPassword), must_change_password: 0 });
  await deleteUserSessions(db, user.id, p.sessionId);
  await audit(
    db,
    {
      actor: p.name,
      action: 'user.password-change',
      assessmentId: null,
      details: {
        before: { mustChangePassword: user.must_change_password === 1 },
        after: { mustChangePassword: false },
      },
    },
    ctx.now().toISOString(),
  );
}
