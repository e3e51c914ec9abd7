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

/** How long a server trusts a key it has looked up before it reads the key's row again. */
export const KEY_TTL_MS = 1000;

/**
 * The keys one server has authenticated lately, by hash. Reading the key's row on every request
 * is a query per submission, about a quarter of the server's CPU per request on PostgreSQL. A
 * revocation through this server forgets the key at once; one through another server, the CLI
 * or a restore takes effect here within KEY_TTL_MS. Only valid keys are remembered (unknown ones
 * cost a query each, as before), and at most `max` of them.
 */
export interface ApiKeyCache {
  get(keyHash: string): ApiKeyPrincipal | undefined;
  set(keyHash: string, principal: ApiKeyPrincipal): void;
  /** forgets key `keyId` (revoked) */
  forget(keyId: number): void;
}

export function apiKeyCache(
  clock: () => number = () => performance.now(),
  ttlMs = KEY_TTL_MS,
  max = 10_000,
): ApiKeyCache {
  const seen = new Map<string, { principal: ApiKeyPrincipal; at: number }>();
  return {
    get(keyHash) {
      const hit = seen.get(keyHash);
      if (hit === undefined) return undefined;
      if (clock() - hit.at < ttlMs) return hit.principal;
      seen.delete(keyHash);
      return undefined;
    },
    set(keyHash, principal) {
      if (seen.size >= max) seen.clear();
      seen.set(keyHash, { principal, at: clock() });
    },
    forget(keyId) {
      for (const [h, e] of seen) if (e.principal.keyId === keyId) seen.delete(h);
    },
  };
}

/**
 * The principal of a Bearer key, or undefined when the key is unknown or revoked; through
 * `cache` when given (a server's), else from the database.
 */
export async function authenticateApiKey(
  ctx: Pick<ServiceContext, 'handle'>,
  key: string,
  cache?: ApiKeyCache,
): Promise<ApiKeyPrincipal | undefined> {
  if (!KEY_SHAPE.test(key)) return undefined;
  const keyHash = hashApiKey(key);
  const known = cache?.get(keyHash);
  if (known) return known;
  const row = await findApiKeyByHash(ctx.handle.db, keyHash);
  if (!row || row.revoked_at !== null) return undefined;
  const principal: ApiKeyPrincipal = {
    kind: 'apikey',
    keyId: row.id,
    name: `apikey:${row.key_prefix}`,
    role: toKeyRole(row.role),
    assessmentId: row.assessment_id,
  };
  cache?.set(keyHash, principal);
  return principal;
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

/**
 * Revokes a key: at once on the server whose `cache` is given, within KEY_TTL_MS on every other
 * (ApiKeyCache). Idempotent.
 */
export async function revokeKey(ctx: ServiceContext, id: number, cache?: ApiKeyCache): Promise<ApiKey> {
  const db = ctx.handle.db;
  const before = await findApiKeyById(db, id);
  if (!before) throw new KpError('KP_NOT_FOUND', `API key ${id} does not exist`);
  if (before.revoked_at !== null) return toApiKey(before);
  const at = ctx.now().toISOString();
  await revokeKeyRow(db, id, at);
  cache?.forget(id);
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
