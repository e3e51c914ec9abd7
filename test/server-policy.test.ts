/**
 * The policy matrix: every route of the policy table × every kind of principal, with the
 * exact status each must get, on both engines. EXPECTED and SAMPLES are Records over RouteId,
 * so a new policy entry does not compile until it has a row here, and the test checks that
 * every registered route is one of these samples — no route escapes the matrix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { POLICY, type RouteId } from '../src/server/policy.js';
import { createApiKey } from '../src/services/accounts/accounts.js';
import { signIn as startSession } from '../src/services/accounts/sessions.js';
import type { Role } from '../src/shared/roles.js';
import { insertRectificationItems } from '../src/db/repos/rectification.js';
import { listReportFiles, replaceReportFiles } from '../src/db/repos/report-files.js';
import { enqueueJob } from '../src/services/jobs/jobs.js';
import { JobRunner } from '../src/services/jobs/runner.js';
import { publishSnapshot } from '../src/services/results/snapshots.js';
import { SUZHOU_2021_TARGETS } from '../src/core/demo/demo-targets.js';
import { recordExpenditure, saveSheet } from '../src/services/targets/targets.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { fakeSnapshot } from './support/results.js';
import { makeAssessments, makeUser, PASSWORD } from './support/server.js';
import { makeSubmissionAssessment, publicBody, smallConfig } from './support/submissions.js';
import { configUpdatedAt } from '../src/db/repos/assessments.js';

const WHO = [
  'admin',
  'analyst',
  'supervisor',
  'interviewer',
  'agencyA',
  'agencyB',
  'adminKey',
  'scopedKey',
  'none',
] as const;
type Who = (typeof WHO)[number];
type Row = Record<Who, number>;

/** Users behind the session principals (agency viewers of unit A and unit B). */
const PEOPLE: Partial<Record<Who, { role: Role; unit?: string }>> = {
  admin: { role: 'admin' },
  analyst: { role: 'analyst' },
  supervisor: { role: 'supervisor' },
  interviewer: { role: 'interviewer' },
  agencyA: { role: 'agency', unit: 'A' },
  agencyB: { role: 'agency', unit: 'B' },
};
const PERSON_IDS = Object.keys(PEOPLE) as Who[];

/** `ok` for the listed principals, 401 without credentials, 403 for everyone else. */
const only = (ok: number, allowed: readonly Who[]): Row =>
  Object.fromEntries(WHO.map((w) => [w, allowed.includes(w) ? ok : w === 'none' ? 401 : 403])) as Row;
const everyone = (status: number): Row => Object.fromEntries(WHO.map((w) => [w, status])) as Row;
const signedIn = WHO.filter((w) => w !== 'none');
/** admin and analyst, and the two (admin and a1-scoped analyst) keys */
const RESULTS_STAFF: readonly Who[] = ['admin', 'analyst', 'adminKey', 'scopedKey'];

const EXPECTED: Record<RouteId, Row> = {
  'health.get': everyone(200),
  'home.get': everyone(200),
  'console.page': everyone(200),
  'web.assets': everyone(200),
  'openapi.get': everyone(200),
  'docs.ui': everyone(200),
  'session.create': everyone(200),
  'session.get': only(200, PERSON_IDS),
  'session.delete': only(204, PERSON_IDS),
  'session.password': only(200, PERSON_IDS),
  'users.list': only(200, ['admin']),
  'users.create': only(201, ['admin']),
  'users.reset-password': only(200, ['admin']),
  'users.disable': only(200, ['admin']),
  'api-keys.list': only(200, ['admin']),
  'api-keys.create': only(201, ['admin']),
  'api-keys.revoke': only(200, ['admin']),
  'assessments.list': only(200, signedIn),
  // a2 has agency B only; the scoped key is for a1
  'assessments.get': { ...only(200, signedIn), agencyA: 403, scopedKey: 403 },
  // a1 has agencies A and B; a viewer of B may not open A
  'units.get': { ...only(200, signedIn), agencyB: 403 },
  // set-up: admins and analysts, people or keys (the scoped key is for a1, which the samples use)
  'units.list': only(200, RESULTS_STAFF),
  'units.import': only(200, RESULTS_STAFF),
  'units.template': only(200, RESULTS_STAFF),
  // the configuration: the firm reads it, the office (person or admin key) changes it
  'config.get': only(200, RESULTS_STAFF),
  'config.update': only(200, ['admin', 'adminKey']),
  // the audit log: admins in person only
  'audit.list': only(200, ['admin']),
  'analyses.start': only(202, RESULTS_STAFF),
  // supervisors list the jobs too: only their phone-case imports (jobs.test.ts), here none
  'jobs.list': only(200, [...RESULTS_STAFF, 'supervisor']),
  // 数据导入 queues a job (the matrix runs no runner: nothing is stored)
  'imports.start': only(202, RESULTS_STAFF),
  // the phone sample: supervisors as well (SPEC §2: they manage it)
  'imports.cases': only(202, [...RESULTS_STAFF, 'supervisor']),
  // the sample job is an analysis: a supervisor passes the policy and is refused by the service
  'jobs.get': only(200, RESULTS_STAFF),
  'jobs.retry': only(202, RESULTS_STAFF),
  // an unknown assessment (a real stream never ends, see results-jobs-server.test.ts): 404 once
  // let through; the key scoped to a1 is refused first
  'events.stream': { ...only(404, [...RESULTS_STAFF, 'supervisor']), scopedKey: 403 },
  'reports.start': only(202, RESULTS_STAFF),
  // a1's snapshot is published and the file is agency A's .docx of it: A's viewer may, B's may not
  'reports.list': only(200, [...RESULTS_STAFF, 'agencyA', 'agencyB']),
  'reports.file': { ...only(200, [...RESULTS_STAFF, 'agencyA']), agencyB: 403 },
  'reports.zip': only(200, RESULTS_STAFF),
  'snapshots.list': only(200, RESULTS_STAFF),
  'snapshots.get': only(200, RESULTS_STAFF),
  'snapshots.table': only(200, RESULTS_STAFF),
  // the whole ranking: never an agency viewer's, even of a published snapshot
  'snapshots.workbook': only(200, RESULTS_STAFF),
  'snapshots.publish': only(200, ['admin']),
  // a1's snapshot is published: agency viewers of A and B see their own agency's part
  'results.published': only(200, [...RESULTS_STAFF, 'agencyA', 'agencyB']),
  'results.unit': only(200, [...RESULTS_STAFF, 'agencyA']),
  // admins and analysts, people or keys; the scoped key is for a1, which the sample posts to
  'responses.create': only(201, ['admin', 'analyst', 'adminKey', 'scopedKey']),
  // rectification: the office drafts (people or keys), people review, agency A answers its own
  'rectification.list': only(200, RESULTS_STAFF),
  'rectification.suggest': only(200, RESULTS_STAFF),
  'rectification.create': only(201, RESULTS_STAFF),
  'rectification.update': only(200, RESULTS_STAFF),
  'rectification.delete': only(204, RESULTS_STAFF),
  'rectification.accept': only(200, ['admin', 'analyst']),
  'rectification.return': only(200, ['admin', 'analyst']),
  'rectification.unit': only(200, [...RESULTS_STAFF, 'agencyA']),
  'rectification.answer': only(200, ['agencyA']),
  // fieldwork staff: results staff and supervisors; agency viewers and interviewers are refused
  'progress.get': only(200, [...RESULTS_STAFF, 'supervisor']),
  // as events.stream: an unknown assessment answers 404 once let through
  'progress.stream': { ...only(404, [...RESULTS_STAFF, 'supervisor']), scopedKey: 403 },
  // 绩效目标 on a1 (which holds the seed form): the office and the firm, people or keys
  'targets.get': only(200, RESULTS_STAFF),
  'targets.put': only(200, RESULTS_STAFF),
  'targets.expenditures.add': only(201, RESULTS_STAFF),
  'targets.expenditures.delete': only(200, RESULTS_STAFF),
  'targets.judgement': only(200, RESULTS_STAFF),
  'targets.file': only(200, RESULTS_STAFF),
  // 数据质量 drill-down: results staff reach the service, which finds no such response (404)
  'responses.validity': only(404, RESULTS_STAFF),
};

interface Sample {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** may read the database (a configuration's current version) */
  body?: () => unknown;
  /** for a body that is not JSON */
  contentType?: string;
}

/** a PUT without "expenditures" keeps the stored ones (the delete samples need them) */
function sheetWithoutExpenditures(): Record<string, unknown> {
  const sheet = { ...(SUZHOU_2021_TARGETS as Record<string, unknown>) };
  delete sheet.expenditures;
  return sheet;
}

let created = 0;
let currentDb: TestDb['handle']['db'] | null = null;
const db = () => {
  if (!currentDb) throw new Error('no database yet');
  return currentDb;
};
const fixture = {
  revokeId: 0,
  jobId: 0,
  failedJobId: 0,
  snapshotId: 0,
  rectificationId: 0,
  expenditureIds: [] as number[],
  reportFileId: 0,
};
/** rectification items each cell uses up (a deleted or reviewed item cannot be again) */
const pools: Record<'open' | 'answered', number[]> = { open: [], answered: [] };
const rect = (rest = '') => `/api/v1/assessments/a1/rectification${rest}`;
const SAMPLES: Record<RouteId, () => Sample> = {
  'health.get': () => ({ method: 'GET', url: '/healthz' }),
  'home.get': () => ({ method: 'GET', url: '/' }),
  'console.page': () => ({ method: 'GET', url: '/users' }),
  'web.assets': () => ({ method: 'GET', url: '/assets/app-test.js' }),
  'openapi.get': () => ({ method: 'GET', url: '/api/openapi.json' }),
  'docs.ui': () => ({ method: 'GET', url: '/api/docs' }),
  'session.create': () => ({
    method: 'POST',
    url: '/api/v1/session',
    body: () => ({ name: 'signer', password: PASSWORD }),
  }),
  'session.get': () => ({ method: 'GET', url: '/api/v1/session' }),
  'session.delete': () => ({ method: 'DELETE', url: '/api/v1/session' }),
  'session.password': () => ({
    method: 'POST',
    url: '/api/v1/session/password',
    body: () => ({ currentPassword: PASSWORD, newPassword: 'Matrix-new-secret-9' }),
  }),
  'users.list': () => ({ method: 'GET', url: '/api/v1/users' }),
  'users.create': () => ({
    method: 'POST',
    url: '/api/v1/users',
    body: () => ({ name: `created${++created}`, role: 'analyst' }),
  }),
  'users.reset-password': () => ({ method: 'POST', url: '/api/v1/users/victim/password-reset' }),
  'users.disable': () => ({ method: 'POST', url: '/api/v1/users/victim/disable' }),
  'api-keys.list': () => ({ method: 'GET', url: '/api/v1/api-keys' }),
  'api-keys.create': () => ({ method: 'POST', url: '/api/v1/api-keys', body: () => ({ role: 'analyst' }) }),
  'api-keys.revoke': () => ({ method: 'DELETE', url: `/api/v1/api-keys/${fixture.revokeId}` }),
  'assessments.list': () => ({ method: 'GET', url: '/api/v1/assessments' }),
  'assessments.get': () => ({ method: 'GET', url: '/api/v1/assessments/a2' }),
  'units.get': () => ({ method: 'GET', url: '/api/v1/assessments/a1/units/A' }),
  'units.list': () => ({ method: 'GET', url: '/api/v1/assessments/a1/units' }),
  // a dry run: the matrix stores nothing
  'units.import': () => ({
    method: 'POST',
    url: '/api/v1/assessments/a1/units/import?dryRun=true&filename=units.csv',
    body: () => Buffer.from('单位编码,单位名称,类别\nA,单位 A,c1\n'),
    contentType: 'text/csv',
  }),
  'units.template': () => ({ method: 'GET', url: '/api/v1/units-template.xlsx' }),
  'imports.start': () => ({
    method: 'POST',
    url: '/api/v1/assessments/a1/imports/scores?filename=scores.csv',
    body: () => Buffer.from('单位编码,得分\nA,90\n'),
    contentType: 'text/csv',
  }),
  'imports.cases': () => ({
    method: 'POST',
    url: '/api/v1/assessments/a1/imports/cases?filename=cases.csv',
    body: () => Buffer.from('case_id,target_unit,phone,service\nc1,A,13812345678,办证\n'),
    contentType: 'text/csv',
  }),
  'config.get': () => ({ method: 'GET', url: '/api/v1/assessments/a1/config' }),
  // the stored configuration saved again as it is, at its current version: no change, 200
  'config.update': () => ({
    method: 'PUT',
    url: '/api/v1/assessments/a1/config',
    body: async () => ({ config: smallConfig('a1'), updatedAt: await configUpdatedAt(db(), 'a1') }),
  }),
  'audit.list': () => ({ method: 'GET', url: '/api/v1/audit?assessment=a1&limit=5' }),
  'analyses.start': () => ({
    method: 'POST',
    url: '/api/v1/assessments/a1/analyses',
    body: () => ({ replicates: 0 }),
  }),
  'jobs.list': () => ({ method: 'GET', url: '/api/v1/assessments/a1/jobs' }),
  'jobs.get': () => ({ method: 'GET', url: `/api/v1/assessments/a1/jobs/${fixture.jobId}` }),
  'jobs.retry': () => ({ method: 'POST', url: `/api/v1/assessments/a1/jobs/${fixture.failedJobId}/retry` }),
  'events.stream': () => ({ method: 'GET', url: '/api/v1/assessments/nope/events' }),
  'reports.start': () => ({ method: 'POST', url: '/api/v1/assessments/a1/reports', body: () => ({}) }),
  'reports.list': () => ({ method: 'GET', url: '/api/v1/assessments/a1/reports' }),
  'reports.file': () => ({ method: 'GET', url: `/api/v1/assessments/a1/reports/${fixture.reportFileId}` }),
  'reports.zip': () => ({ method: 'GET', url: '/api/v1/assessments/a1/reports.zip' }),
  'snapshots.list': () => ({ method: 'GET', url: '/api/v1/assessments/a1/snapshots' }),
  'snapshots.get': () => ({ method: 'GET', url: `/api/v1/assessments/a1/snapshots/${fixture.snapshotId}` }),
  'snapshots.table': () => ({
    method: 'GET',
    url: `/api/v1/assessments/a1/snapshots/${fixture.snapshotId}/tables/unit_results`,
  }),
  'snapshots.workbook': () => ({
    method: 'GET',
    url: `/api/v1/assessments/a1/snapshots/${fixture.snapshotId}/results.xlsx`,
  }),
  'snapshots.publish': () => ({
    method: 'POST',
    url: `/api/v1/assessments/a1/snapshots/${fixture.snapshotId}/publish`,
  }),
  'results.published': () => ({ method: 'GET', url: '/api/v1/assessments/a1/results/published' }),
  'results.unit': () => ({ method: 'GET', url: '/api/v1/assessments/a1/units/A/results' }),
  'responses.create': () => ({
    method: 'POST',
    url: '/api/v1/assessments/a1/responses',
    body: () => publicBody(`matrix-${++created}`),
  }),
  'rectification.list': () => ({ method: 'GET', url: rect() }),
  'rectification.suggest': () => ({ method: 'GET', url: rect('/suggestions') }),
  'rectification.create': () => ({
    method: 'POST',
    url: rect(),
    body: () => ({ items: [{ unitCode: 'A', title: `整改 ${++created}` }] }),
  }),
  'rectification.update': () => ({
    method: 'PUT',
    url: rect(`/${fixture.rectificationId}`),
    body: () => ({ title: `改 ${++created}` }),
  }),
  'rectification.delete': () => ({ method: 'DELETE', url: rect(`/${pools.open.shift()}`) }),
  'rectification.accept': () => ({
    method: 'POST',
    url: rect(`/${pools.answered.shift()}/accept`),
    body: () => ({}),
  }),
  'rectification.return': () => ({
    method: 'POST',
    url: rect(`/${pools.answered.shift()}/return`),
    body: () => ({ note: '请补充' }),
  }),
  'rectification.unit': () => ({ method: 'GET', url: '/api/v1/assessments/a1/units/A/rectification' }),
  'rectification.answer': () => ({
    method: 'POST',
    url: `/api/v1/assessments/a1/units/A/rectification/${fixture.rectificationId}/answer`,
    body: () => ({ measures: '优化流程', dueDate: '2026-06-30' }),
  }),
  'progress.get': () => ({ method: 'GET', url: '/api/v1/assessments/a1/progress' }),
  'progress.stream': () => ({ method: 'GET', url: '/api/v1/assessments/nope/progress/events' }),
  'targets.get': () => ({ method: 'GET', url: '/api/v1/assessments/a1/targets' }),
  'targets.put': () => ({
    method: 'PUT',
    url: '/api/v1/assessments/a1/targets',
    body: () => sheetWithoutExpenditures(),
  }),
  'targets.expenditures.add': () => ({
    method: 'POST',
    url: '/api/v1/assessments/a1/targets/expenditures',
    body: () => ({ date: '2021-05-01', subProject: '绩效管理工作调查', amount: 1, note: 'matrix' }),
  }),
  // one stored expenditure per call: an allowed principal deletes its own
  'targets.expenditures.delete': () => ({
    method: 'DELETE',
    url: `/api/v1/assessments/a1/targets/expenditures/${fixture.expenditureIds.shift() ?? 0}`,
  }),
  'targets.judgement': () => ({
    method: 'PUT',
    url: `/api/v1/assessments/a1/targets/judgements/${encodeURIComponent('财务制度健全性')}`,
    body: () => ({ achieved: true, score: 1, reason: '制度健全' }),
  }),
  'targets.file': () => ({ method: 'GET', url: '/api/v1/assessments/a1/targets/files/self-evaluation.xlsx' }),
  'responses.validity': () => ({ method: 'GET', url: '/api/v1/assessments/a1/responses/no-such/validity' }),
};

/** The password change runs last: it changes the passwords the other cells sign in with. */
const ROUTE_IDS = (Object.keys(POLICY) as RouteId[]).sort(
  (a, b) => Number(a === 'session.password') - Number(b === 'session.password'),
);

const pattern = (url: string) => new RegExp(`^${url.replace(/:[A-Za-z]+/g, '[^/]+').replace(/\*$/, '.+')}$`);

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`policy matrix on ${engine}`, () => {
    let t: TestDb;
    let app: ReturnType<typeof buildApp>;
    let webRoot = '';
    const keys: Partial<Record<Who, string>> = {};

    beforeAll(async () => {
      t = await createTestDb(engine);
      currentDb = t.handle.db;
      await makeAssessments(t);
      // a1 gets a real configuration (its agencies A and B stay) so that submissions to it validate
      await makeSubmissionAssessment(t, 'a1', ['A', 'B']);
      for (const w of PERSON_IDS) {
        const p = PEOPLE[w];
        if (p) await makeUser(t, `m-${w}`, p.role, p.unit ? { unit: p.unit } : {});
      }
      await makeUser(t, 'victim', 'analyst');
      await makeUser(t, 'signer', 'analyst');
      keys.adminKey = await createApiKey(t.handle.db, 'admin', null, 'test', new Date());
      keys.scopedKey = await createApiKey(t.handle.db, 'analyst', 'a1', 'test', new Date());
      await createApiKey(t.handle.db, 'analyst', null, 'test', new Date());
      const rows = await t.handle.db.selectFrom('api_keys').select('id').orderBy('id').execute();
      fixture.revokeId = rows[rows.length - 1]?.id ?? 0;
      // results: a published snapshot of a1, a queued job and a failed one
      const ctx = { handle: t.handle, now: () => new Date(), actor: 'test' };
      fixture.snapshotId = await fakeSnapshot(t, 'a1', ['A', 'B']);
      await publishSnapshot(ctx, 'a1', fixture.snapshotId);
      await replaceReportFiles(t.handle.db, [
        {
          assessmentId: 'a1',
          snapshotId: fixture.snapshotId,
          unitCode: 'A',
          kind: 'docx',
          fileName: 'A.docx',
          data: Buffer.from('PK stand-in'),
          createdAt: new Date().toISOString(),
          createdBy: 'test',
        },
      ]);
      fixture.reportFileId = (await listReportFiles(t.handle.db, 'a1'))[0]!.id;
      fixture.failedJobId = (await enqueueJob(ctx, 'analysis', 'a1', {})).id;
      const failing = {
        parse: (x: unknown) => x as Record<string, unknown>,
        run: () => Promise.reject(new Error('no')),
      };
      await new JobRunner(ctx, { kinds: { analysis: failing } }).runOnce();
      fixture.jobId = (await enqueueJob(ctx, 'analysis', 'a1', {})).id;
      // rectification items of agency A: one to edit and answer, pools to delete and review
      const item = (status: string, i: number) => ({
        assessment_id: 'a1',
        unit_code: 'A',
        title: `item ${status} ${i}`,
        basis: '',
        source: 'manual',
        status,
        created_at: '2026-01-01T00:00:00.000Z',
        created_by: 'test',
        updated_at: '2026-01-01T00:00:00.000Z',
      });
      const made = await insertRectificationItems(t.handle.db, [
        item('open', 0),
        ...Array.from({ length: 12 }, (_, i) => item('open', i + 1)),
        ...Array.from({ length: 24 }, (_, i) => item('answered', i + 1)),
      ]);
      fixture.rectificationId = made[0]?.id ?? 0;
      for (const r of made.slice(1)) pools[r.status as 'open' | 'answered'].push(r.id);
      // 绩效目标: the seed form on a1, and expenditures for the delete samples to take
      await saveSheet(ctx, 'a1', SUZHOU_2021_TARGETS, 'test');
      fixture.expenditureIds = [];
      for (let i = 0; i < 12; i++)
        fixture.expenditureIds.push(await recordExpenditure(ctx, 'a1', { date: '2021-01-01', amount: 1 }));
      // a stand-in for the built console (dist/web), so the matrix does not depend on a build
      webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-web-'));
      fs.mkdirSync(path.join(webRoot, 'assets'));
      fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>console</title>');
      fs.writeFileSync(path.join(webRoot, 'assets', 'app-test.js'), 'export {};');
      app = buildApp({
        handle: t.handle,
        signInRateLimit: { max: 10_000, timeWindowMs: 60_000 },
        webRoot,
      });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
      fs.rmSync(webRoot, { recursive: true, force: true });
    });

    /** Fresh credentials for every cell: a sign-out in one cell must not change the next. */
    async function headers(who: Who, method: string): Promise<Record<string, string>> {
      const key = keys[who];
      if (key) return { authorization: `Bearer ${key}` };
      if (!PEOPLE[who]) return {};
      const ctx = { handle: t.handle, now: () => new Date() };
      const s = await startSession(ctx, { name: `m-${who}`, password: PASSWORD, ip: 'test' });
      const h: Record<string, string> = { cookie: `kp_session=${s.token}` };
      if (method !== 'GET') h['x-csrf-token'] = s.principal.csrfToken;
      return h;
    }

    it('covers every registered route, and every policy entry is registered', () => {
      const routes = app.routeTable.filter((r) => r.method !== 'HEAD');
      for (const id of ROUTE_IDS)
        expect(
          routes.map((r) => r.policy),
          id,
        ).toContain(id);
      for (const r of routes) {
        const sample = SAMPLES[r.policy]();
        if (r.policy === 'docs.ui') continue; // many plugin URLs, one sample
        expect([r.policy, sample.method, sample.url.split('?')[0]]).toEqual([
          r.policy,
          r.method,
          expect.stringMatching(pattern(r.url)),
        ]);
        expect(
          routes.filter((x) => x.policy === r.policy),
          r.policy,
        ).toHaveLength(1);
      }
    });

    for (const id of ROUTE_IDS) {
      it(`${id}: ${JSON.stringify(POLICY[id])}`, async () => {
        const actual = {} as Row;
        for (const who of WHO) {
          const s = SAMPLES[id]();
          const r = await app.inject({
            method: s.method,
            url: s.url,
            headers: {
              ...(await headers(who, s.method)),
              ...(s.contentType ? { 'content-type': s.contentType } : {}),
            },
            ...(s.body ? { payload: (await s.body()) as Record<string, unknown> } : {}),
          });
          actual[who] = r.statusCode;
          if (r.statusCode >= 400)
            expect(r.headers['content-type'], `${id} as ${who}`).toBe(
              'application/problem+json; charset=utf-8',
            );
        }
        expect(actual).toEqual(EXPECTED[id]);
      });
    }
  });
}
