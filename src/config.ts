/**
 * The only module that reads process.env. Read once, validated, frozen.
 */
import path from 'node:path';

export interface AppConfig {
  /** directory for the embedded SQLite database and local key material */
  dataDir: string;
  /** postgres://… selects PostgreSQL; undefined selects SQLite in dataDir */
  databaseUrl: string | undefined;
  port: number;
  adminPassword: string | undefined;
  /** 32-byte key (hex or base64) for encrypting personal data at rest; default: a key file in dataDir */
  secretKey: string | undefined;
  isCi: boolean;
  /** print stack traces of unexpected errors */
  debug: boolean;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT: "${raw}" is not a TCP port`);
  return n;
}

export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Readonly<AppConfig> {
  const url = env.DATABASE_URL?.trim();
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL: only postgres:// URLs are supported (leave it unset for SQLite)');
  }
  return Object.freeze({
    dataDir: path.resolve(env.KAOPING_DATA_DIR?.trim() || './data'),
    databaseUrl: url || undefined,
    port: parsePort(env.PORT),
    adminPassword: env.KAOPING_ADMIN_PASSWORD || undefined,
    secretKey: env.KAOPING_SECRET_KEY || undefined,
    isCi: env.CI === 'true' || env.CI === '1',
    debug: Boolean(env.KAOPING_DEBUG),
  });
}
