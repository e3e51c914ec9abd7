/** `kaoping user reset-password`: the way back in for an admin who forgot the password. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { lastWord, runCli } from './support/cli.js';
import { asSession, auditLog, makeUser, signIn } from './support/server.js';

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`kaoping user reset-password on ${engine}`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(engine);
      await makeUser(t, 'ann', 'admin');
    });
    afterAll(async () => t?.dispose());

    it('sets a new one-time password and signs the user out everywhere', async () => {
      const app = buildApp({ handle: t.handle });
      const before = await signIn(app, 'ann');
      const r = await runCli(t.env, ['user', 'reset-password', 'ann']);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const pw = lastWord(r.stdout);
      expect(pw).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/session', headers: asSession(before) })).statusCode,
      ).toBe(401);
      const after = await signIn(app, 'ann', pw);
      expect(after.body.mustChangePassword).toBe(true);
      expect((await auditLog(t)).at(-2)).toMatchObject({ actor: 'cli', action: 'user.password-reset' });
      const missing = await runCli(t.env, ['user', 'reset-password', 'nobody']);
      expect([missing.code, missing.stderr]).toEqual([1, 'kaoping: user "nobody" does not exist\n']);
      const usage = await runCli(t.env, ['user', 'remove', 'ann']);
      expect(usage.code).toBe(2);
      await app.close();
    });
  });
}
