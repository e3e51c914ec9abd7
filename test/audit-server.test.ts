/**
 * The audit log over HTTP on both engines: newest first; filters by assessment, actor, action
 * and time (instants with any offset); pages with the total; admins only (analysts 403, nobody
 * 401); reading it writes nothing to it.
 */
import type { FastifyInstance } from 'fastify';
import type { Problem } from '../src/shared/api/problem.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/db/repos/audit.js';
import { addUser } from '../src/services/accounts/accounts.js';
import { buildApp } from '../src/server/app.js';
import type { AuditPage } from '../src/shared/api/audit.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import {
  asSession,
  auditLog,
  makeAssessments,
  PASSWORD,
  signIn,
  testClock,
  type Signed,
} from './support/server.js';

const SEEDED = [
  { at: '2026-01-10T02:00:00.000Z', actor: 'wang', action: 'import.units', assessmentId: 'a1' },
  // 00:30 on 16 January in Beijing
  { at: '2026-01-15T16:30:00.000Z', actor: 'li', action: 'import.responses', assessmentId: 'a1' },
  { at: '2026-01-20T03:00:00.000Z', actor: 'wang', action: 'config.update', assessmentId: 'a2' },
];

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`audit log over HTTP on ${engine}`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let admin: Signed;
    let analyst: Signed;

    const get = async (query: string, who: Signed = admin) => {
      const r = await app.inject({ method: 'GET', url: `/api/v1/audit${query}`, headers: asSession(who) });
      expect(r.statusCode, r.body).toBe(200);
      return r.json<AuditPage>();
    };
    const actions = (p: AuditPage) => p.entries.map((e) => [e.actor, e.action, e.assessmentId]);

    beforeAll(async () => {
      t = await createTestDb(engine);
      await makeAssessments(t);
      for (const e of SEEDED)
        await audit(
          t.handle.db,
          {
            ...e,
            details:
              e.action === 'config.update'
                ? { via: 'console', changes: [{ path: 'groups.peer.weight', before: 0.3, after: 0.35 }] }
                : { file: 'x.csv', rows: 3 },
          },
          e.at,
        );
      // the users' own audit entries (user.add) dated before everything else
      for (const [name, role] of [
        ['wang', 'admin'],
        ['li', 'analyst'],
      ] as const)
        await addUser(
          t.handle.db,
          { name, role, unitCode: null, password: PASSWORD, mustChange: false },
          'root',
          new Date('2026-01-01T00:00:00.000Z'),
        );
      const clock = testClock('2026-03-01T08:00:00.000Z');
      app = buildApp({ handle: t.handle, now: clock.now });
      await app.ready();
      admin = await signIn(app, 'wang');
      clock.advance(60_000);
      analyst = await signIn(app, 'li');
    });
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
    });

    it('lists every entry newest first, with its details, and the total', async () => {
      const page = await get('');
      expect(page.total).toBe(7);
      expect(actions(page)).toEqual([
        ['li', 'session.sign-in', null],
        ['wang', 'session.sign-in', null],
        ['wang', 'config.update', 'a2'],
        ['li', 'import.responses', 'a1'],
        ['wang', 'import.units', 'a1'],
        ['root', 'user.add', null],
        ['root', 'user.add', null],
      ]);
      expect(page.entries.map((e) => e.at)).toEqual([
        '2026-03-01T08:01:00.000Z',
        '2026-03-01T08:00:00.000Z',
        ...SEEDED.map((e) => e.at).reverse(),
        '2026-01-01T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z',
      ]);
      // the same instant: the later written first
      expect(page.entries[5]!.details).toMatchObject({ name: 'li' });
      expect(page.entries[2]!.details).toEqual({
        via: 'console',
        changes: [{ path: 'groups.peer.weight', before: 0.3, after: 0.35 }],
      });
      expect([page.offset, page.limit]).toEqual([0, 100]);
    });

    it('filters by assessment, actor and action, together', async () => {
      expect(actions(await get('?assessment=a1'))).toEqual([
        ['li', 'import.responses', 'a1'],
        ['wang', 'import.units', 'a1'],
      ]);
      expect((await get('?actor=wang')).total).toBe(3);
      expect(actions(await get('?actor=wang&action=config.update'))).toEqual([
        ['wang', 'config.update', 'a2'],
      ]);
      expect(await get('?actor=wang&assessment=a1&action=import.responses')).toMatchObject({
        entries: [],
        total: 0,
      });
    });

    it('filters by time: from inclusive, to exclusive, any offset', async () => {
      const from = encodeURIComponent('2026-01-16T00:00:00+08:00');
      const to = encodeURIComponent('2026-01-21T00:00:00+08:00');
      expect(actions(await get(`?from=${from}&to=${to}`))).toEqual([
        ['wang', 'config.update', 'a2'],
        ['li', 'import.responses', 'a1'],
      ]);
      expect((await get(`?from=${encodeURIComponent('2026-01-15T16:30:00.000Z')}&to=${to}`)).total).toBe(2);
      expect((await get(`?to=${encodeURIComponent('2026-01-15T16:30:00.000Z')}`)).total).toBe(3);
      expect((await get(`?from=${encodeURIComponent('2026-03-01T08:00:30Z')}`)).total).toBe(1);
    });

    it('pages: limit and offset over the same order, the total on every page', async () => {
      const all = (await get('')).entries.map((e) => e.id);
      const pages = [];
      for (let offset = 0; offset < 7; offset += 3) pages.push(await get(`?limit=3&offset=${offset}`));
      expect(pages.map((p) => p.entries.length)).toEqual([3, 3, 1]);
      expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
      expect(pages.flatMap((p) => p.entries.map((e) => e.id))).toEqual(all);
      expect((await get('?offset=10')).entries).toEqual([]);
    });

    it('refuses bad parameters with 422', async () => {
      for (const q of ['?limit=x', '?from=yesterday', '?offset=-1', '?sort=at'])
        expect(
          (await app.inject({ method: 'GET', url: `/api/v1/audit${q}`, headers: asSession(admin) }))
            .statusCode,
          q,
        ).toBe(422);
    });

    it('is for admins: analysts 403, nobody 401; reading it is not audited', async () => {
      const before = (await auditLog(t)).length;
      await get('');
      const r = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: asSession(analyst) });
      expect([r.statusCode, r.json<Problem>().code]).toEqual([403, 'KP_FORBIDDEN']);
      expect((await app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
      expect((await auditLog(t)).length).toBe(before);
    });
  });
}
