/**
 * Users (console sign-in, passwords hashed with argon2id) and API keys (high-entropy random
 * tokens, stored as SHA-256 so a stolen database does not yield working keys).
 */
import crypto from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { KpError } from '../core/errors.js';
import { audit, assessmentExists, type Db } from '../db/repo.js';

export const ROLES = ['admin', 'analyst', 'supervisor', 'interviewer', 'agency'] as const;
export type Role = (typeof ROLES)[number];
/** Roles an API key may carry. */
export const KEY_ROLES: readonly Role[] = ['admin', 'analyst', 'supervisor'];

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
  if (u.role === 'agency' && !u.unitCode) throw new KpError('KP_BAD_ARGUMENT', '--unit: required for an agency viewer');
  if (u.role !== 'agency' && u.unitCode) throw new KpError('KP_BAD_ARGUMENT', '--unit: only agency viewers belong to an agency');
  if (u.unitCode) {
    const unit = await db.selectFrom('units').select('code').where('code', '=', u.unitCode).executeTakeFirst();
    if (!unit) throw new KpError('KP_BAD_ARGUMENT', `--unit: no assessment has an agency "${u.unitCode}"`);
  }
  const exists = await db.selectFrom('users').select('id').where('name', '=', name).executeTakeFirst();
  if (exists) throw new KpError('KP_CONFLICT', `user "${name}" already exists`);
  const password = u.password ?? randomPassword();
  const at = now.toISOString();
  await db
    .insertInto('users')
    .values({
      name,
      role: u.role,
      unit_code: u.unitCode ?? null,
      password_hash: await hashPassword(password),
      must_change_password: (u.mustChange ?? u.password === undefined) ? 1 : 0,
      created_at: at,
    })
    .execute();
  await audit(db, { actor, action: 'user.add', assessmentId: null, details: { name, role: u.role, unit: u.unitCode ?? null } }, at);
  return password;
}

export const hashApiKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

export async function createApiKey(
  db: Db,
  role: Role,
  assessmentId: string | null,
  actor: string,
  now: Date,
): Promise<string> {
  if (!KEY_ROLES.includes(role)) throw new KpError('KP_BAD_ARGUMENT', `--role: API keys are for ${KEY_ROLES.join(', ')}`);
  if (assessmentId !== null && !(await assessmentExists(db, assessmentId))) {
    throw new KpError('KP_NOT_FOUND', `--assessment: "${assessmentId}" does not exist`);
  }
  const key = `kp_${crypto.randomBytes(24).toString('base64url')}`;
  const at = now.toISOString();
  await db
    .insertInto('api_keys')
    .values({ key_hash: hashApiKey(key), key_prefix: key.slice(0, 7), role, assessment_id: assessmentId, created_at: at, revoked_at: null })
    .execute();
  await audit(db, { actor, action: 'apikey.create', assessmentId, details: { role, prefix: key.slice(0, 7) } }, at);
  return key;
}
