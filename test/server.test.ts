import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`server on ${engine}`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(engine);
    });
    afterAll(async () => t?.dispose());

    it('answers /healthz with 200 while the database is reachable', async () => {
      const app = buildApp({ handle: t.handle });
      const r = await app.inject({ method: 'GET', url: '/healthz' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ status: 'ok', engine });
      await app.close();
    });

    it('serves the status page with the assessment names escaped', async () => {
      const now = new Date().toISOString();
      await t.handle.db
        .insertInto('assessments')
        .values({
          id: 'x',
          name: '<script>alert(1)</script>考评',
          year: 2024,
          config: '{}',
          created_at: now,
          updated_at: now,
        })
        .execute();
      const app = buildApp({ handle: t.handle });
      const r = await app.inject({ method: 'GET', url: '/' });
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('&#60;script&#62;alert(1)&#60;/script&#62;考评');
      expect(r.body).not.toContain('<script>');
      await app.close();
    });
  });
}

describe('server without a database', () => {
  it('answers /healthz with 503 when the database is gone', async () => {
    const t = await createTestDb('sqlite');
    const app = buildApp({ handle: t.handle });
    await t.handle.close();
    const r = await app.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(503);
    await app.close();
  });
});
