/**
 * API keys seen from the server: authenticating a Bearer key (looked up by its SHA-256),
 * listing and revoking. Creation is accounts.ts' issueApiKey, shared with the CLI.
 */
import { audit } from '../../db/repos/audit.js';
import {
  findApiKeyByHash,
  findApiKeyById,
  listApiKeys as listKeyRows,
  revokeApiKey as revokeKeyRow,
  type ApiKeyRow,
} from '../../db/repos/users.js';
import type { ApiKey } from '../../shared/api/api-keys.js';
import { KpError } from '../../shared/errors.js';
import { KEY_ROLES, type Role } from '../../shared/roles.js';
import type { ServiceContext } from '../context.js';
import { hashApiKey, issueApiKey } from './accounts.js';
import type { ApiKeyPrincipal } from './principal.js';

type KeyRole = ApiKey['role'];
const toKeyRole = (r: string): KeyRole => {
  if ((KEY_ROLES as readonly string[]).includes(r)) return r as KeyRole;
  throw new Error(`stored API key has a role "${r}" keys may not carry`);
};

const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  prefix: r.key_prefix,
  role: toKeyRole(r.role),
  assessmentId: r.assessment_id,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** `kp_` and 32 base64url characters (24 random bytes), as createApiKey makes them. */
const KEY_SHAPE = /^kp_[A-Za-z0-9_-]{32}$/;

/** The principal of a Bearer key, or undefined when the key is unknown or revoked. */
export async function authenticateApiKey(
  ctx: Pick<ServiceContext, 'handle'>,
  key: string,
): Promise<ApiKeyPrincipal | undefined> {
  if (!KEY_SHAPE.test(key)) return undefined;
  const row = await findApiKeyByHash(ctx.handle.db, hashApiKey(key));
  if (!row || row.revoked_at !== null) return undefined;
  return {
    kind: 'apikey',
    keyId: row.id,
    name: `apikey:${row.key_prefix}`,
    role: toKeyRole(row.role),
    assessmentId: row.assessment_id,
  };
}

export async function listApiKeys(ctx: Pick<ServiceContext, 'handle'>): Promise<ApiKey[]> {
  return (await listKeyRows(ctx.handle.db)).map(toApiKey);
}

export async function createKey(
  ctx: ServiceContext,
  role: Role,
  assessmentId: string | null,
): Promise<{ apiKey: ApiKey; key: string }> {
  const { id, key } = await issueApiKey(ctx.handle.db, role, assessmentId, ctx.actor, ctx.now());
  const row = await findApiKeyById(ctx.handle.db, id);
  if (!row) throw new Error(`API key ${id} vanished after its creation`);
  return { apiKey: toApiKey(row), key };
}

/** Revokes a key at once, on every server (each request looks the key up). Idempotent. */
export async function revokeKey(ctx: ServiceContext, id: number): Promise<ApiKey> {
  const db = ctx.handle.db;
  const before = await findApiKeyById(db, id);
  if (!before) throw new KpError('KP_NOT_FOUND', `API key ${id} does not exist`);
  if (before.revoked_at !== null) return toApiKey(before);
  const at = ctx.now().toISOString();
  await revokeKeyRow(db, id, at);
  await audit(
    db,
    {
      actor: ctx.actor,
      action: 'apikey.revoke',
      assessmentId: before.assessment_id,
      details: { id, prefix: before.key_prefix, before: { revokedAt: null }, after: { revokedAt: at } },
    },
    at,
  );
  return toApiKey({ ...before, revoked_at: at });
}
