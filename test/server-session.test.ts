/**
 * Sign-in, sessions, CSRF, lockout and the one-time password on both engines, through the
 * real app (app.inject) and the real database; the clock is moved, never mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { POLICY } from '../src/server/policy.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import {
  asSession,
  auditLog,
  makeAssessments,
  makeUser,
  PASSWORD,
  sessionCookie,
  signIn,
  testClock,
} from './support/server.js';

const MIN = 60_000;

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`sessions on ${engine}`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(engine);
      await makeAssessments(t);
      await makeUser(t, 'ann', 'admin');
      await makeUser(t, 'bob', 'analyst');
    });
    afterAll(async () => t?.dispose());

    it('signs in with a fresh HttpOnly SameSite cookie each time, and signs out everywhere', async () => {
      const app = buildApp({ handle: t.handle });
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { name: 'bob', password: PASSWORD },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['set-cookie']).toMatch(
        /^kp_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/,
      );
      expect(r.json()).toMatchObject({
        user: { name: 'bob', role: 'analyst', unitCode: null },
        mustChangePassword: false,
      });
      const one = await signIn(app, 'bob');
      const two = await signIn(app, 'bob');
      expect(one.cookie).not.toBe(two.cookie);
      expect(one.csrf).not.toBe(two.csrf);
      const me = await app.inject({ method: 'GET', url: '/api/v1/session', headers: asSession(one) });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toEqual({ ...one.body });
      // the database holds the token's hash, never the token
      const ids = (await t.handle.db.selectFrom('sessions').select('id').execute()).map((x) => x.id);
      expect(ids).not.toContain(one.cookie);
      const out = await app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: asSession(one, 'DELETE'),
      });
      expect(out.statusCode).toBe(204);
      expect(out.headers['set-cookie']).toMatch(/^kp_session=; Max-Age=0; Path=\/; Expires=/);
      const after = await app.inject({ method: 'GET', url: '/api/v1/assessments', headers: asSession(one) });
      expect(after.statusCode).toBe(401);
      expect(after.json()).toEqual({
        type: 'urn:kaoping:error:KP_UNAUTHENTICATED',
        title: 'Authentication required',
        status: 401,
        code: 'KP_UNAUTHENTICATED',
        detail: 'the session has expired or ended: sign in again',
        instance: '/api/v1/assessments',
      });
      // signing in again from the same browser ends the session its cookie held
      const replaced = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { cookie: `kp_session=${two.cookie}` },
        payload: { name: 'bob', password: PASSWORD },
      });
      expect(replaced.statusCode).toBe(200);
      const gone = await app.inject({ method: 'GET', url: '/api/v1/session', headers: asSession(two) });
      expect(gone.statusCode).toBe(401);
      const three = { cookie: sessionCookie(replaced) ?? '', csrf: '', body: {} };
      // the other session is untouched
      const still = await app.inject({
        method: 'GET',
        url: '/api/v1/assessments',
        headers: asSession(three),
      });
      expect(still.statusCode).toBe(200);
      await app.close();
    });

    it('sets Secure on the cookie when the request is HTTPS (behind a trusted proxy)', async () => {
      const app = buildApp({ handle: t.handle, trustProxy: true });
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { name: 'bob', password: PASSWORD },
      });
      expect(r.headers['set-cookie']).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
      await app.close();
    });

    it('answers a wrong password and an unknown user alike, and audits both without the password', async () => {
      const app = buildApp({ handle: t.handle });
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { name: 'bob', password: 'not-the-password' },
      });
      const nobody = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { name: 'nobody', password: 'not-the-password' },
      });
      const expected = {
        type: 'urn:kaoping:error:KP_BAD_CREDENTIALS',
        title: 'Wrong user name or password',
        status: 401,
        code: 'KP_BAD_CREDENTIALS',
        detail: 'wrong user name or password (or the account is disabled)',
        instance: '/api/v1/session',
      };
      expect([wrong.statusCode, nobody.statusCode]).toEqual([401, 401]);
      expect(wrong.json()).toEqual(expected);
      expect(nobody.json()).toEqual(expected);
      expect(sessionCookie(wrong)).toBeUndefined();
      const log = await auditLog(t);
      const failed = log.filter((e) => e.action === 'session.sign-in-failed');
      expect(failed.map((e) => e.details.name)).toEqual(expect.arrayContaining(['bob', 'nobody']));
      expect(JSON.stringify(log)).not.toContain('not-the-password');
      expect(JSON.stringify(log)).not.toContain(PASSWORD);
      expect(log.some((e) => e.action === 'session.sign-in' && e.actor === 'bob')).toBe(true);
      await t.handle.db.deleteFrom('sign_in_failures').execute();
      await app.close();
    });

    it('requires the one-time password to be changed before anything else', async () => {
      await makeUser(t, 'otp', 'analyst', { mustChange: true });
      const app = buildApp({ handle: t.handle });
      await app.ready();
      const s = await signIn(app, 'otp');
      expect(s.body.mustChangePassword).toBe(true);
      const blocked = await app.inject({ method: 'GET', url: '/api/v1/assessments', headers: asSession(s) });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json()).toEqual({
        type: 'urn:kaoping:error:KP_PASSWORD_CHANGE_REQUIRED',
        title: 'Password change required',
        status: 403,
        code: 'KP_PASSWORD_CHANGE_REQUIRED',
        detail: 'change the one-time password first (POST /api/v1/session/password)',
        instance: '/api/v1/assessments',
      });
      // every signed-in route not marked beforePasswordChange refuses, whatever the role needs
      for (const route of app.routeTable) {
        const policy = POLICY[route.policy];
        if (route.method === 'HEAD' || policy.access === 'public' || 'beforePasswordChange' in policy)
          continue;
        const url = route.url.replace(':id', 'a1').replace(':unit', 'A').replace(':name', 'bob');
        const r = await app.inject({
          method: route.method as 'GET',
          url,
          headers: asSession(s, route.method),
        });
        const code = r.json<{ code?: string }>().code ?? '';
        expect([route.method, route.url, r.statusCode, code]).toEqual([
          route.method,
          route.url,
          403,
          'KP_PASSWORD_CHANGE_REQUIRED',
        ]);
      }
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/session/password',
        headers: asSession(s, 'POST'),
        payload: { currentPassword: 'wrong-password', newPassword: 'A-new-secret-77' },
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json()).toMatchObject({ code: 'KP_VALIDATION', field: 'currentPassword' });
      const short = await app.inject({
        method: 'POST',
        url: '/api/v1/session/password',
        headers: asSession(s, 'POST'),
        payload: { currentPassword: PASSWORD, newPassword: 'short' },
      });
      expect(short.statusCode).toBe(422);
      expect(short.json()).toMatchObject({ code: 'KP_VALIDATION', field: 'newPassword' });
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/session/password',
        headers: asSession(s, 'POST'),
        payload: { currentPassword: PASSWORD, newPassword: 'A-new-secret-77' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ mustChangePassword: false });
      const now = await app.inject({ method: 'GET', url: '/api/v1/assessments', headers: asSession(s) });
      expect(now.statusCode).toBe(200);
      await expect(signIn(app, 'otp')).rejects.toThrow(/401/);
      const again = await signIn(app, 'otp', 'A-new-secret-77');
      expect(again.body.mustChangePassword).toBe(false);
      const log = await auditLog(t);
      expect(log.find((e) => e.action === 'user.password-change')).toMatchObject({
        actor: 'otp',
        details: { before: { mustChangePassword: true }, after: { mustChangePassword: false } },
      });
      expect(JSON.stringify(log)).not.toContain('A-new-secret-77');
      await app.close();
    });

    it('expires a session after 30 idle minutes and 12 hours after sign-in', async () => {
      const clock = testClock();
      const app = buildApp({ handle: t.handle, now: clock.now });
      const get = (s: { cookie: string; csrf: string }) =>
        app.inject({ method: 'GET', url: '/api/v1/session', headers: asSession({ ...s, body: {} }) });
      const idle = await signIn(app, 'bob');
      clock.advance(29 * MIN);
      expect((await get(idle)).statusCode).toBe(200);
      clock.advance(29 * MIN);
      expect((await get(idle)).statusCode).toBe(200);
      clock.advance(31 * MIN);
      expect((await get(idle)).statusCode).toBe(401);
      const rows = await t.handle.db.selectFrom('sessions').selectAll().execute();
      expect(rows.map((r) => r.last_seen_at)).not.toContain(clock.now().toISOString());

      const busy = await signIn(app, 'bob');
      for (let m = 0; m < 12 * 60 - 20; m += 20) {
        clock.advance(20 * MIN);
        expect((await get(busy)).statusCode).toBe(200);
      }
      clock.advance(20 * MIN); // 12 h since sign-in
      expect((await get(busy)).statusCode).toBe(401);
      await app.close();
    });

    it('shares sessions between two servers on one database', async () => {
      const one = buildApp({ handle: t.handle });
      const two = buildApp({ handle: t.handle });
      const s = await signIn(one, 'bob');
      const there = await two.inject({ method: 'GET', url: '/api/v1/session', headers: asSession(s) });
      expect(there.statusCode).toBe(200);
      expect(there.json()).toEqual(s.body);
      const out = await two.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: asSession(s, 'DELETE'),
      });
      expect(out.statusCode).toBe(204);
      const back = await one.inject({ method: 'GET', url: '/api/v1/session', headers: asSession(s) });
      expect(back.statusCode).toBe(401);
      await one.close();
      await two.close();
    });

    it('refuses a state-changing cookie request without the right X-CSRF-Token', async () => {
      const app = buildApp({ handle: t.handle });
      const s = await signIn(app, 'ann');
      const body = { role: 'analyst' };
      const cookie = { cookie: `kp_session=${s.cookie}` };
      const missing = await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: cookie,
        payload: body,
      });
      expect(missing.statusCode).toBe(403);
      expect(missing.json()).toEqual({
        type: 'urn:kaoping:error:KP_CSRF',
        title: 'Missing or wrong CSRF token',
        status: 403,
        code: 'KP_CSRF',
        detail:
          "send the session's CSRF token (from sign-in or GET /api/v1/session) in the X-CSRF-Token header",
        instance: '/api/v1/api-keys',
      });
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: { ...cookie, 'x-csrf-token': `${s.csrf.slice(0, -1)}x` },
        payload: body,
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json<{ code: string }>().code).toBe('KP_CSRF');
      // another session's token is a wrong token too
      const other = await signIn(app, 'ann');
      const crossed = await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: { ...cookie, 'x-csrf-token': other.csrf },
        payload: body,
      });
      expect(crossed.statusCode).toBe(403);
      const signOut = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: cookie });
      expect(signOut.statusCode).toBe(403);
      expect(await t.handle.db.selectFrom('api_keys').select('id').execute()).toEqual([]);
      const right = await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: asSession(s, 'POST'),
        payload: body,
      });
      expect(right.statusCode).toBe(201);
      // a Bearer request carries no ambient credential and needs no token
      const key = right.json<{ key: string }>().key;
      const viaKey = await app.inject({
        method: 'GET',
        url: '/api/v1/assessments',
        headers: { authorization: `Bearer ${key}` },
      });
      expect(viaKey.statusCode).toBe(200);
      await app.close();
    });

    it('locks a user name for 15 minutes after 5 failed sign-ins, on every server', async () => {
      const clock = testClock();
      const one = buildApp({ handle: t.handle, now: clock.now });
      const two = buildApp({ handle: t.handle, now: clock.now });
      const attempt = (app: typeof one, name: string, password: string) =>
        app.inject({ method: 'POST', url: '/api/v1/session', payload: { name, password } });
      for (const app of [one, one, one, two, two])
        expect((await attempt(app, 'bob', 'wrong-password')).statusCode).toBe(401);
      for (const app of [one, two]) {
        const locked = await attempt(app, 'bob', PASSWORD);
        expect(locked.statusCode).toBe(429);
        expect(locked.headers['retry-after']).toBe('900');
        expect(locked.json()).toEqual({
          type: 'urn:kaoping:error:KP_SIGN_IN_LOCKED',
          title: 'Too many failed sign-ins',
          status: 429,
          code: 'KP_SIGN_IN_LOCKED',
          detail: 'too many failed sign-ins for this user name: try again in 15 minutes',
          retryAfter: 900,
          instance: '/api/v1/session',
        });
      }
      // a name that does not exist locks the same way: a lock reveals nothing
      for (let i = 0; i < 5; i++) await attempt(one, 'ghost', 'wrong-password');
      expect((await attempt(one, 'ghost', 'x')).statusCode).toBe(429);
      clock.advance(10 * MIN);
      expect((await attempt(two, 'bob', PASSWORD)).headers['retry-after']).toBe('300');
      clock.advance(5 * MIN);
      expect((await attempt(two, 'bob', PASSWORD)).statusCode).toBe(200);
      expect(await t.handle.db.selectFrom('sign_in_failures').select('name').execute()).toEqual([
        { name: 'ghost' },
      ]);
      expect((await auditLog(t)).some((e) => e.action === 'session.sign-in-refused')).toBe(true);
      await one.close();
      await two.close();
    });

    it('rate-limits sign-in attempts per client address', async () => {
      const app = buildApp({ handle: t.handle, signInRateLimit: { max: 3, timeWindowMs: 60_000 } });
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 4; i++) {
        last = await app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { name: `someone${i}`, password: 'x' },
        });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(last?.headers['retry-after']).toBe('60');
      expect(last?.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(last?.json()).toMatchObject({ code: 'KP_RATE_LIMITED', status: 429, retryAfter: 60 });
      await t.handle.db.deleteFrom('sign_in_failures').execute();
      await app.close();
    });
  });
}
