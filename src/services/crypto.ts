/**
 * Personal data at rest (phone numbers): AES-256-GCM with a key from KAOPING_SECRET_KEY or,
 * failing that, a key file created once in the data directory (mode 0600). A keyed hash
 * (HMAC-SHA-256) lets duplicates be found without decrypting.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  hash(plain: string): string;
}

function parseKey(raw: string): Buffer {
  const t = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('KAOPING_SECRET_KEY: expected 32 bytes as 64 hex digits or base64');
  return key;
}

export function loadSecretKey(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey) return parseKey(secretKey);
  const file = path.join(dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return parseKey(fs.readFileSync(file, 'utf8'));
}

export function secretBox(key: Buffer): SecretBox {
  const macKey = crypto.createHmac('sha256', key).update('kaoping:hash').digest();
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      if (!sealed.startsWith('v1:')) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
    hash(plain) {
      return crypto.createHmac('sha256', macKey).update(plain).digest('hex').slice(0, 32);
    },
  };
}

/** 138****5678: what an interviewer sees. */
export function maskPhone(phone: string): string {
  const d = phone.replace(/\s/g, '');
  if (d.length <= 4) return '*'.repeat(d.length);
  if (d.length <= 7) return d.slice(0, 1) + '*'.repeat(d.length - 3) + d.slice(-2);
  return d.slice(0, 3) + '*'.repeat(d.length - 7) + d.slice(-4);
}
