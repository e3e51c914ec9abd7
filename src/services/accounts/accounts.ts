/**
 * Users (console sign-in, passwords hashed with argon2id) and API keys (high-entropy random
 * tokens, stored as SHA-256 so a stolen database does not yield working keys).
 */
import crypto from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { KpError } from '../../shared/errors.js';
import { KEY_ROLES, ROLES, type Role } from '../../shared/roles.js';
import { assessmentExists } from '../../db/repos/assessments.js';
import { audit } from '../../db/repos/audit.js';
import { type Db } from '../../db/repos/common.js';
import { insertApiKey, insertUser, unitCodeExists, userExists } from '../../db/repos/users.js';

export { KEY_ROLES, ROLES, type Role };

export function parseRole(raw: string | undefined, allowed: readonly Role[] = ROLES): Role {
  if (raw && (allowed as readonly string[]).includes(raw)) return raw as Role;
  throw new KpError('KP_BAD_ARGUMENT', `--role: expected one of ${allowed.join(', ')}`);
}

/** 16 characters from an alphabet without look-alikes (0/O, 1/l/I). */
export function randomPassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export const hashPassword = (pw: string) => argonHash(pw, { algorithm: 2 /* Argon2id */ });
export const verifyPassword = (hash: string, pw: string) => argonVerify(hash, pw);

export interface NewUser {
  name: string;
  role: Role;
  unitCode?: string | null;
  password?: string;
  mustChange?: boolean;
}

/** Adds a user; returns the password (the given one or a generated one-time password). */
export async function addUser(db: Db, u: NewUser, actor: string, now: Date): Promise<string> {
  const name = u.name.trim();
  if (!/^[\p{L}\p{N}._@-]{2,64}$/u.test(name)) {
    throw new KpError('KP_BAD_ARGUMENT', `user name "${u.name}": 2–64 letters, digits, ".", "_", "@" or "-"`);
  }
  if (u.role === 'agency' && !u.unitCode)
    throw new KpError('KP_BAD_ARGUMENT', '--unit: required for an agency viewer');
  if (u.role !== 'agency' && u.unitCode)
    throw new KpError('KP_BAD_ARGUMENT', '--unit: only agency viewers belong to an agency');
  if (u.unitCode) {
    if (!(await unitCodeExists(db, u.unitCode)))
      throw new KpError('KP_BAD_ARGUMENT', `--unit: no assessment has an agency "${u.unitCode}"`);
  }
  if (await userExists(db, name)) throw new KpError('KP_CONFLICT', `user "${name}" already exists`);
  const password = u.password ?? randomPassword();
  const at = now.toISOString();
  await insertUser(db, {
    name,
    role: u.role,
    unit_code: u.unitCode ?? null,
    password_hash: await hashPassword(password),
    must_change_password: (u.mustChange ?? u.password === undefined) ? 1 : 0,
    created_at: at,
  });
  await audit(
    db,
    {
      actor,
      action: 'user.add',
      assessmentId: null,
      details: { name, role: u.role, unit: u.unitCode ?? null },
    },
    at,
  );
  return password;
}

export const hashApiKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

/** Creates an API key for the CLI; returns the key (shown once). */
export async function createApiKey(
  db: Db,
  role: Role,
  assessmentId: string | null,
  actor: string,
  now: Date,
): Promise<string> {
  return (await issueApiKey(db, role, assessmentId, actor, now)).key;
}

/** Creates an API key; returns its id and the key itself, which is never stored. */
export async function issueApiKey(
  db: Db,
  role: Role,
  assessmentId: string | null,
  actor: string,
  now: Date,
): Promise<{ id: number; key: string }> {
  if (!(KEY_ROLES as readonly Role[]).includes(role))
    throw new KpError('KP_BAD_ARGUMENT', `--role: API keys are for ${KEY_ROLES.join(', ')}`);
  if (assessmentId !== null && !(await assessmentExists(db, assessmentId))) {
    throw new KpError('KP_NOT_FOUND', `--assessment: "${assessmentId}" does not exist`);
  }
  const key = `kp_${crypto.randomBytes(24).toString('base64url')}`;
  const at = now.toISOString();
  const id = await insertApiKey(db, {
    key_hash: hashApiKey(key),
    key_prefix: key.slice(0, 7),
    role,
    assessment_id: assessmentId,
    created_at: at,
    revoked_at: null,
  });
  await audit(
    db,
    {
      actor,
      action: 'apikey.create',
      assessmentId,
      details: { after: { id, role, prefix: key.slice(0, 7), assessmentId } },
    },
    at,
  );
  return { id, key };
}

/**
 * Makes sure an admin account exists (npm start): creates "admin" with the given password, or a
 * generated one-time password, and says what to print. Never prints a stored password again.
 */
export async function ensureAdmin(db: Db, given: string | undefined, now: Date): Promise<string> {
  if (await userExists(db, 'admin')) return 'admin / (the password printed at the first start)';
  const pw = await addUser(
    db,
    { name: 'admin', role: 'admin', password: given, mustChange: !given },
    'start',
    now,
  );
  return given
    ? 'admin / (the password in KAOPING_ADMIN_PASSWORD)'
    : `admin / ${pw}   (generated once: note it now)`;
}
