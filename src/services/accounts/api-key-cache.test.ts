import { describe, expect, it } from 'vitest';
import { apiKeyCache } from './api-keys.js';
import type { ApiKeyPrincipal } from './principal.js';

const key = (keyId: number): ApiKeyPrincipal => ({
  kind: 'apikey',
  keyId,
  name: `apikey:kp_${keyId}`,
  role: 'analyst',
  assessmentId: null,
});

describe('apiKeyCache', () => {
  it('answers a key for ttl, then asks again', () => {
    let now = 0;
    const c = apiKeyCache(() => now, 1000);
    c.set('h1', key(1));
    now = 999;
    expect(c.get('h1')).toEqual(key(1));
    now = 1000;
    expect(c.get('h1')).toBeUndefined();
    expect(c.get('never')).toBeUndefined();
  });

  it('forgets a revoked key by its id, and only that one', () => {
    const c = apiKeyCache(() => 0, 1000);
    c.set('h1', key(1));
    c.set('h2', key(2));
    c.forget(1);
    expect(c.get('h1')).toBeUndefined();
    expect(c.get('h2')).toEqual(key(2));
  });

  it('holds at most max keys', () => {
    const c = apiKeyCache(() => 0, 1000, 2);
    c.set('h1', key(1));
    c.set('h2', key(2));
    c.set('h3', key(3));
    expect([c.get('h1'), c.get('h2'), c.get('h3')]).toEqual([undefined, undefined, key(3)]);
  });
});
