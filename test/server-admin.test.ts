/**
 * User and API key administration through the HTTP API on both engines: one-time passwords,
 * resets and disabling end sessions, keys are shown once and refused once revoked, what agency
 * viewers and scoped keys see is filtered, and every change is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { KEY_TTL_MS } from '../src/services/accounts/api-keys.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import {
  asSession,
  auditLog,
  bearer,
  makeAssessments,
  makeUser,
  signIn,
  type Signed,
} from './support/server.js';

/** asymmetric matchers, typed so that no `any` spreads into the expected objects */
const A_STRING: unknown = expect.any(String);
const A_NUMBER: unknown = expect.any(Number);

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`administration on ${engine}`, () => {
    let t: TestDb;
    let app: ReturnType<typeof buildApp>;
    let admin: Signed;
    beforeAll(async () => {
      t = await createTestDb(engine);
      await makeAssessments(t);
      await makeUser(t, 'ann', 'admin');
      app = buildApp({ handle: t.handle });
      admin = await signIn(app, 'ann');
    });
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
    });

    const as = (s: Signed, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      app.inject({ method, url, headers: asSession(s, method), ...(payload ? { payload } : {}) });

    it('creates users with a one-time password, resets it and disables accounts, all audited', async () => {
      const made = await as(admin, 'POST', '/api/v1/users', { name: 'vera', role: 'agency', unitCode: 'A' });
      expect(made.statusCode).toBe(201);
      const body = made.json<{ user: Record<string, unknown>; oneTimePassword: string }>();
      expect(body.user).toEqual({
        name: 'vera',
        role: 'agency',
        unitCode: 'A',
        mustChangePassword: true,
        createdAt: A_STRING,
        disabledAt: null,
      });
      expect(body.oneTimePassword).toMatch(/^[A-Za-z0-9]{16}$/);
      const dup = await as(admin, 'POST', '/api/v1/users', { name: 'vera', role: 'analyst' });
      expect([dup.statusCode, dup.json<{ code: string }>().code]).toEqual([409, 'KP_CONFLICT']);
      const noUnit = await as(admin, 'POST', '/api/v1/users', { name: 'walt', role: 'agency' });
      expect([noUnit.statusCode, noUnit.json<{ code: string }>().code]).toEqual([400, 'KP_BAD_ARGUMENT']);
      const badRole = await as(admin, 'POST', '/api/v1/users', { name: 'walt', role: 'root' });
      expect([badRole.statusCode, badRole.json<{ field: string }>().field]).toEqual([422, 'role']);

      const vera = await signIn(app, 'vera', body.oneTimePassword);
      expect(vera.body.mustChangePassword).toBe(true);
      const reset = await as(admin, 'POST', '/api/v1/users/vera/password-reset');
      expect(reset.statusCode).toBe(200);
      const fresh = reset.json<{ oneTimePassword: string }>().oneTimePassword;
      expect(fresh).not.toBe(body.oneTimePassword);
      expect((await as(vera, 'GET', '/api/v1/session')).statusCode).toBe(401);
      await expect(signIn(app, 'vera', body.oneTimePassword)).rejects.toThrow(/401/);
      const again = await signIn(app, 'vera', fresh);

      const disabled = await as(admin, 'POST', '/api/v1/users/vera/disable');
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json<{ disabledAt: string | null }>().disabledAt).toEqual(A_STRING);
      expect((await as(again, 'GET', '/api/v1/session')).statusCode).toBe(401);
      await expect(signIn(app, 'vera', fresh)).rejects.toThrow(/401/);
      const self = await as(admin, 'POST', '/api/v1/users/ann/disable');
      expect([self.statusCode, self.json<{ code: string }>().code]).toEqual([409, 'KP_CONFLICT']);
      const missing = await as(admin, 'POST', '/api/v1/users/nobody/disable');
      expect(missing.statusCode).toBe(404);

      const list = await as(admin, 'GET', '/api/v1/users');
      expect(list.json<{ users: { name: string }[] }>().users.map((u) => u.name)).toEqual(['ann', 'vera']);
      expect(list.body).not.toMatch(/hash|argon/);

      const log = (await auditLog(t)).filter((e) => e.action.startsWith('user.'));
      expect(log.map((e) => [e.actor, e.action])).toEqual([
        ['test', 'user.add'],
        ['ann', 'user.add'],
        ['ann', 'user.password-reset'],
        ['ann', 'user.disable'],
      ]);
      expect(log[3]?.details).toEqual({
        name: 'vera',
        before: { disabledAt: null },
        after: { disabledAt: A_STRING },
      });
      expect(JSON.stringify(log)).not.toContain(fresh);
    });

    it('shows an API key once, stores only its hash, refuses it once revoked', async () => {
      const made = await as(admin, 'POST', '/api/v1/api-keys', { role: 'analyst', assessmentId: 'a1' });
      expect(made.statusCode).toBe(201);
      const { key, apiKey } = made.json<{ key: string; apiKey: { id: number; prefix: string } }>();
      expect(key).toMatch(/^kp_[A-Za-z0-9_-]{32}$/);
      expect(apiKey).toEqual({
        id: A_NUMBER,
        prefix: key.slice(0, 7),
        role: 'analyst',
        assessmentId: 'a1',
        createdAt: A_STRING,
        revokedAt: null,
      });
      const stored = await t.handle.db.selectFrom('api_keys').select('key_hash').execute();
      expect(JSON.stringify(stored)).not.toContain(key);
      const list = await as(admin, 'GET', '/api/v1/api-keys');
      expect(list.body).not.toContain(key);

      // an assessment-scoped key sees its assessment only
      const seen = await app.inject({ method: 'GET', url: '/api/v1/assessments', headers: bearer(key) });
      expect(seen.json()).toEqual({ assessments: [{ id: 'a1', name: '考评 a1', year: 2026 }] });
      const other = await app.inject({ method: 'GET', url: '/api/v1/assessments/a2', headers: bearer(key) });
      expect(other.json()).toMatchObject({ status: 403, detail: 'this API key is for assessment "a1" only' });

      const unknownAssessment = await as(admin, 'POST', '/api/v1/api-keys', {
        role: 'analyst',
        assessmentId: 'zz',
      });
      expect(unknownAssessment.statusCode).toBe(404);
      const interviewerKey = await as(admin, 'POST', '/api/v1/api-keys', { role: 'interviewer' });
      expect([interviewerKey.statusCode, interviewerKey.json<{ field: string }>().field]).toEqual([
        422,
        'role',
      ]);

      const revoked = await as(admin, 'DELETE', `/api/v1/api-keys/${apiKey.id}`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json<{ revokedAt: string | null }>().revokedAt).toEqual(A_STRING);
      const refused = await app.inject({ method: 'GET', url: '/api/v1/assessments', headers: bearer(key) });
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toMatchObject({
        code: 'KP_UNAUTHENTICATED',
        detail: 'the API key is unknown or revoked',
      });
      const garbage = await app.inject({
        method: 'GET',
        url: '/api/v1/assessments',
        headers: { authorization: 'Basic eDp5' },
      });
      expect(garbage.json()).toMatchObject({
        status: 401,
        detail: 'Authorization: expected "Bearer <API key>"',
      });
      expect((await as(admin, 'DELETE', '/api/v1/api-keys/999999')).statusCode).toBe(404);

      const log = (await auditLog(t)).filter((e) => e.action.startsWith('apikey.'));
      expect(log.map((e) => [e.actor, e.action, e.assessmentId])).toEqual([
        ['ann', 'apikey.create', 'a1'],
        ['ann', 'apikey.revoke', 'a1'],
      ]);
      expect(JSON.stringify(log)).not.toContain(key);
    });

    it('a key revoked through another server is refused here within KEY_TTL_MS', async () => {
      const made = await as(admin, 'POST', '/api/v1/api-keys', { role: 'analyst', assessmentId: 'a1' });
      const { key, apiKey } = made.json<{ key: string; apiKey: { id: number } }>();
      // a second server on the same database, which has just authenticated the key
      const other = buildApp({ handle: t.handle });
      try {
        const get = (a: typeof app) =>
          a.inject({ method: 'GET', url: '/api/v1/assessments', headers: bearer(key) });
        expect((await get(other)).statusCode).toBe(200);
        expect((await as(admin, 'DELETE', `/api/v1/api-keys/${apiKey.id}`)).statusCode).toBe(200);
        expect((await get(app)).statusCode).toBe(401); // the revoking server forgot it at once
        await new Promise((r) => setTimeout(r, KEY_TTL_MS + 50));
        expect((await get(other)).statusCode).toBe(401);
      } finally {
        await other.close();
      }
    });

    it('shows an agency viewer the assessments of its agency and only its agency in them', async () => {
      await makeUser(t, 'viewer-b', 'agency', { unit: 'B' });
      const b = await signIn(app, 'viewer-b');
      const list = await as(b, 'GET', '/api/v1/assessments');
      expect(
        list
          .json<{ assessments: { id: string }[] }>()
          .assessments.map((a) => a.id)
          .sort(),
      ).toEqual(['a1', 'a2']);
      const detail = await as(b, 'GET', '/api/v1/assessments/a1');
      expect(detail.json<{ units: { code: string }[] }>().units.map((u) => u.code)).toEqual(['B']);
      await makeUser(t, 'viewer-a', 'agency', { unit: 'A' });
      const a = await signIn(app, 'viewer-a');
      const onlyA1 = await as(a, 'GET', '/api/v1/assessments');
      expect(onlyA1.json<{ assessments: { id: string }[] }>().assessments.map((x) => x.id)).toEqual(['a1']);
      const denied = await as(a, 'GET', '/api/v1/assessments/a2/units/B');
      expect(denied.json()).toMatchObject({
        status: 403,
        detail: 'an agency viewer sees its own agency (A) only',
      });
      const staff = await as(admin, 'GET', '/api/v1/assessments/a1');
      expect(staff.json<{ units: { code: string }[] }>().units.map((u) => u.code)).toEqual(['A', 'B']);
      expect((await as(admin, 'GET', '/api/v1/assessments/none')).statusCode).toBe(404);
    });
  });
}
