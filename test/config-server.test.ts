/**
 * The configuration editor over HTTP on both engines: reading it (staff; agency viewers 403,
 * nobody 401); an allowed change (weights, quotas, schedule) stored and audited with before and
 * after; a change that would invalidate stored answers refused with 409 naming the field and
 * the number of answers, storing nothing; an invalid configuration 422 naming the field; a save
 * over a newer version 409; analysts read but may not save.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Problem } from '../src/shared/api/problem.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentConfig } from '../src/core/config.js';
import { buildApp } from '../src/server/app.js';
import type { ConfigDocument, ConfigUpdateResult } from '../src/shared/api/config.js';
import { FIXTURES, runCli } from './support/cli.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { asSession, auditLog, makeUser, signIn, type Signed } from './support/server.js';

const small = (f: string) => path.join(FIXTURES, 'small', f);
const URL = '/api/v1/assessments/t-2024/config';
type Doc = { config: AssessmentConfig; updatedAt: string };

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`configuration editor over HTTP on ${engine}`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let admin: Signed;
    let analyst: Signed;
    let viewer: Signed;

    const read = async (who: Signed = analyst): Promise<Doc> => {
      const r = await app.inject({ method: 'GET', url: URL, headers: asSession(who) });
      expect(r.statusCode, r.body).toBe(200);
      return r.json<ConfigDocument>() as Doc;
    };
    const save = (body: unknown, who: Signed = admin) =>
      app.inject({ method: 'PUT', url: URL, headers: asSession(who, 'PUT'), payload: body as object });
    const edits = async () => (await auditLog(t)).filter((a) => a.action === 'config.update');

    beforeAll(async () => {
      t = await createTestDb(engine);
      const cli = (...args: string[]) => runCli(t.env, args);
      expect((await cli('import', 'config', small('config.json'))).code).toBe(0);
      for (const kind of ['units', 'responses'])
        expect((await cli('import', kind, small(`${kind}.csv`), '--assessment', 't-2024')).stderr).toBe('');
      await makeUser(t, 'wang', 'admin');
      await makeUser(t, 'li', 'analyst');
      await makeUser(t, 'jia', 'agency', { unit: 'A' });
      app = buildApp({ handle: t.handle });
      await app.ready();
      [admin, analyst, viewer] = [
        await signIn(app, 'wang'),
        await signIn(app, 'li'),
        await signIn(app, 'jia'),
      ];
    });
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
    });

    it('reads the configuration as imported, with its version', async () => {
      const doc = await read();
      expect(doc.config.groups.map((g) => [g.code, g.weight])).toEqual([
        ['service', 0.5],
        ['peer', 0.5],
        ['firm', undefined],
      ]);
      expect(doc.config.quotas).toEqual({ phone: { perUnit: 3 } });
      expect(Date.parse(doc.updatedAt)).not.toBeNaN();
    });

    it('refuses agency viewers (403) and requests without credentials (401)', async () => {
      const g = await app.inject({ method: 'GET', url: URL, headers: asSession(viewer) });
      expect([g.statusCode, g.json<Problem>().code]).toEqual([403, 'KP_FORBIDDEN']);
      const doc = await read();
      const p = await save(doc, viewer);
      expect([p.statusCode, p.json<Problem>().code]).toEqual([403, 'KP_FORBIDDEN']);
      expect((await app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
      const anon = await app.inject({ method: 'PUT', url: URL, payload: doc });
      expect([anon.statusCode, anon.headers['content-type']]).toEqual([
        401,
        'application/problem+json; charset=utf-8',
      ]);
    });

    it('lets analysts read but not save (403), storing nothing', async () => {
      const doc = await read();
      doc.config.groups[0]!.weight = 0.9;
      const r = await save(doc, analyst);
      expect([r.statusCode, r.json<Problem>().code]).toEqual([403, 'KP_FORBIDDEN']);
      expect((await read()).config.groups[0]!.weight).toBe(0.5);
    });

    it('stores an allowed change and audits every changed field with before and after', async () => {
      const doc = await read();
      const peer = doc.config.groups[1]!;
      peer.weight = 0.35;
      peer.minN = 4;
      peer.trim = { fraction: 0.1 };
      doc.config.quotas = { phone: { perUnit: 5 }, intercept: { total: 40 } };
      doc.config.schedule = { phone: { start: '2026-03-01', end: '2026-03-31' } };
      const r = await save(doc);
      expect(r.statusCode, r.body).toBe(200);
      const result = r.json<ConfigUpdateResult>();
      const expected = [
        { path: 'groups.peer.weight', before: 0.5, after: 0.35 },
        { path: 'groups.peer.minN', before: 2, after: 4 },
        { path: 'groups.peer.trim.count', before: 1, after: null },
        { path: 'groups.peer.trim.fraction', before: null, after: 0.1 },
        { path: 'quotas.phone.perUnit', before: 3, after: 5 },
        { path: 'quotas.intercept', before: null, after: { total: 40 } },
        { path: 'schedule', before: null, after: { phone: { start: '2026-03-01', end: '2026-03-31' } } },
      ];
      expect(result.changes).toEqual(expected);
      const after = await read();
      expect(after.updatedAt).toBe(result.updatedAt);
      expect(after.updatedAt).not.toBe(doc.updatedAt);
      expect(after.config.groups[1]).toMatchObject({ weight: 0.35, minN: 4, trim: { fraction: 0.1 } });
      expect(after.config.schedule).toEqual(doc.config.schedule);
      // the mirrored groups table follows (analysis reads the configuration, queries the mirror)
      const mirror = await t.handle.db
        .selectFrom('respondent_groups')
        .select(['code', 'weight', 'min_n'])
        .where('assessment_id', '=', 't-2024')
        .where('code', '=', 'peer')
        .executeTakeFirstOrThrow();
      expect([mirror.weight, mirror.min_n]).toEqual([0.35, 4]);
      expect(await edits()).toEqual([
        {
          actor: 'wang',
          action: 'config.update',
          assessmentId: 't-2024',
          details: { via: 'console', changes: expected },
        },
      ]);
    });

    it('refuses a change that would invalidate stored answers: 409 naming it and the count, nothing stored', async () => {
      const before = await read();
      const audited = (await auditLog(t)).length;
      const doc = structuredClone(before);
      doc.config.groups[0]!.channels = ['phone'];
      doc.config.groups[0]!.weight = 0.6; // an allowed part in the same save is not stored either
      const r = await save(doc);
      expect(r.statusCode).toBe(409);
      expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(r.json()).toMatchObject({
        code: 'KP_CONFIG_CHANGE_REFUSED',
        field: 'groups.0.channels',
        detail:
          'groups.0.channels: group "service" losing channel "intercept" would make 2 stored answers invalid',
      });
      expect(await read()).toEqual(before);
      expect((await auditLog(t)).length).toBe(audited);
    });

    it('refuses an invalid configuration with 422 naming the field, and a wrong id', async () => {
      const before = await read();
      const bad = structuredClone(before);
      bad.config.groups[1]!.weight = -1;
      const r = await save(bad);
      expect(r.statusCode).toBe(422);
      expect(r.json()).toMatchObject({ code: 'KP_CONFIG_INVALID', field: 'config.groups.1.weight' });
      const unknownKey = structuredClone(before);
      (unknownKey.config.quotas as Record<string, unknown>).phone = { perUnit: 5, perDay: 3 };
      const u = await save(unknownKey);
      expect([u.statusCode, u.json<Problem>().code, u.json<Problem>().field]).toEqual([
        422,
        'KP_CONFIG_INVALID',
        'config.quotas.phone',
      ]);
      const renamed = structuredClone(before);
      renamed.config.id = 'other';
      const w = await save(renamed);
      expect([w.statusCode, w.json<Problem>().field]).toEqual([422, 'config.id']);
      expect(await read()).toEqual(before);
    });

    it('refuses a body repeating a key (422 naming its path), as the CLI refuses such a file', async () => {
      const before = await read();
      const text = JSON.stringify(before);
      // the same group given a second weight: JSON.parse would silently keep the last
      const doubled = text.replace('"weight":', '"weight":0.99,"weight":');
      expect(doubled).not.toBe(text);
      const r = await app.inject({
        method: 'PUT',
        url: URL,
        headers: { ...asSession(admin, 'PUT'), 'content-type': 'application/json' },
        payload: doubled,
      });
      expect([r.statusCode, r.json<Problem>().code, r.json<Problem>().field]).toEqual([
        422,
        'KP_CONFIG_INVALID',
        'config.groups.0.weight',
      ]);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(await read()).toEqual(before);
      // the same text without the repeat still saves
      const ok = await app.inject({
        method: 'PUT',
        url: URL,
        headers: { ...asSession(admin, 'PUT'), 'content-type': 'application/json' },
        payload: text,
      });
      expect(ok.statusCode).toBe(200);
    });

    it('refuses a save over a newer version (409 KP_CONFLICT) instead of overwriting it', async () => {
      const first = await read();
      const second = structuredClone(first);
      first.config.groups[0]!.weight = 0.55;
      expect((await save(first)).statusCode).toBe(200);
      second.config.groups[1]!.weight = 0.2;
      const r = await save(second);
      expect([r.statusCode, r.json<Problem>().code, r.json<Problem>().field]).toEqual([
        409,
        'KP_CONFLICT',
        'updatedAt',
      ]);
      expect((await read()).config.groups.map((g) => g.weight)).toEqual([0.55, 0.35, undefined]);
    });

    it('answers 404 for an unknown assessment', async () => {
      const r = await app.inject({
        method: 'GET',
        url: '/api/v1/assessments/nope/config',
        headers: asSession(admin),
      });
      expect([r.statusCode, r.json<Problem>().code]).toEqual([404, 'KP_NOT_FOUND']);
    });
  });
}
