/**
 * Helpers for the server tests: a movable clock, users with known passwords, fixture
 * assessments, and signing in through the real route (app.inject, no mocks).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addUser } from '../../src/services/accounts/accounts.js';
import type { Role } from '../../src/shared/roles.js';
import type { TestDb } from './databases.js';

export const PASSWORD = 'Correct-horse-42';

/** A clock the test moves: `clock.now` for buildApp, `clock.advance(ms)`. */
export function testClock(start = '2026-03-01T08:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

export async function makeUser(
  t: TestDb,
  name: string,
  role: Role,
  opts: { unit?: string; mustChange?: boolean; password?: string } = {},
): Promise<void> {
  await addUser(
    t.handle.db,
    {
      name,
      role,
      unitCode: opts.unit ?? null,
      password: opts.password ?? PASSWORD,
      mustChange: opts.mustChange ?? false,
    },
    'test',
    new Date(),
  );
}

/** Two assessments: a1 with agencies A and B, a2 with agency B only. */
export async function makeAssessments(t: TestDb): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  for (const [id, units] of [
    ['a1', ['A', 'B']],
    ['a2', ['B']],
  ] as const) {
    await t.handle.db
      .insertInto('assessments')
      .values({ id, name: `考评 ${id}`, year: 2026, config: '{}', created_at: at, updated_at: at })
      .execute();
    let position = 0;
    for (const code of units)
      await t.handle.db
        .insertInto('units')
        .values({
          assessment_id: id,
          code,
          name: `单位 ${code}`,
          category: 'c1',
          has_window: 0,
          position: position++,
        })
        .execute();
  }
}

export interface Signed {
  cookie: string;
  csrf: string;
  body: Record<string, unknown>;
}

export function sessionCookie(r: LightMyRequestResponse): string | undefined {
  return r.cookies.find((c) => c.name === 'kp_session')?.value;
}

/** Signs in through POST /api/v1/session; fails the test unless it answers 200. */
export async function signIn(app: FastifyInstance, name: string, password = PASSWORD): Promise<Signed> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { name, password } });
  if (r.statusCode !== 200) throw new Error(`sign-in of ${name}: ${r.statusCode} ${r.body}`);
  const body = r.json<Record<string, unknown>>();
  const cookie = sessionCookie(r);
  if (!cookie) throw new Error('sign-in set no kp_session cookie');
  return { cookie, csrf: String(body.csrfToken), body };
}

/** Request headers of a signed-in browser: the cookie and, for unsafe methods, the CSRF token. */
export const asSession = (s: Signed, method = 'GET'): Record<string, string> =>
  method === 'GET' || method === 'HEAD'
    ? { cookie: `kp_session=${s.cookie}` }
    : { cookie: `kp_session=${s.cookie}`, 'x-csrf-token': s.csrf };

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** The audit log, oldest first, details parsed. */
export async function auditLog(t: TestDb) {
  const rows = await t.handle.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    actor: r.actor,
    action: r.action,
    assessmentId: r.assessment_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
