/**
 * 数据导入 as jobs on both engines: an uploaded responses CSV becomes a job that the runner
 * carries out with the CLI's importer (the same file again adds nothing); a bad row fails the
 * job with the importer's one-line error naming the uploaded file, line and column, and stores
 * nothing; an .xlsx of phone cases is read; the stored upload is gone once the job ends; a
 * supervisor imports phone cases and sees those jobs only; no credentials is 401, an agency
 * viewer 403.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasJobFile } from '../src/db/repos/job-files.js';
import { buildApp } from '../src/server/app.js';
import { loadSecretKey, secretBox } from '../src/services/crypto.js';
import { JobRunner } from '../src/services/jobs/runner.js';
import type { Job } from '../src/shared/api/jobs.js';
import { runCli } from './support/cli.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { small, SMALL_ID } from './support/results.js';
import { asSession, makeUser, signIn, type Signed } from './support/server.js';

const RESPONSES = fs.readFileSync(small('responses.csv'), 'utf8');
// line 3 names an agency the assessment does not have
const BAD = RESPONSES.trimEnd()
  .split('\n')
  .map((l, i) => (i === 2 ? l.replace(',A,S2,', ',ZZ,S2,') : l))
  .join('\n');

async function casesXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('样本');
  for (const line of fs.readFileSync(small('cases.csv'), 'utf8').trimEnd().split('\n'))
    ws.addRow(line.split(','));
  // Chinese headers, as a hand-made sample has them
  ws.getRow(1).values = ['样本编号', '单位编码', '电话', '办理事项', '办理日期', '结果代码', '拨打次数'];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const count = async (t: TestDb, table: 'responses' | 'phone_cases') =>
  Number(
    (
      await t.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`数据导入 jobs on ${engine}`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let runner: JobRunner;
    let ana: Signed;

    const upload = (what: string, name: string, body: Buffer | string, headers = asSession(ana, 'POST')) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/assessments/${SMALL_ID}/imports/${what}?filename=${encodeURIComponent(name)}`,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: body,
      });
    /** uploads, lets the runner take the job, and answers the finished job */
    const imported = async (what: string, name: string, body: Buffer | string): Promise<Job> => {
      const r = await upload(what, name, body);
      expect(r.statusCode, r.body).toBe(202);
      const queued = r.json<Job>();
      expect(queued).toMatchObject({ kind: 'import', status: 'queued', params: { what, fileName: name } });
      expect(await hasJobFile(t.handle.db, queued.id)).toBe(true);
      expect(await runner.runOnce()).toBe(true);
      const g = await app.inject({
        method: 'GET',
        url: `/api/v1/assessments/${SMALL_ID}/jobs/${queued.id}`,
        headers: asSession(ana),
      });
      expect(await hasJobFile(t.handle.db, queued.id)).toBe(false);
      return g.json<Job>();
    };

    beforeAll(async () => {
      t = await createTestDb(engine);
      for (const args of [
        ['import', 'config', small('config.json')],
        ['import', 'units', small('units.csv'), '--assessment', SMALL_ID],
      ])
        expect((await runCli(t.env, args)).stderr).toBe('');
      await makeUser(t, 'ana', 'analyst');
      await makeUser(t, 'viewer', 'agency', { unit: 'A' });
      await makeUser(t, 'zhao', 'supervisor');
      app = buildApp({ handle: t.handle });
      await app.ready();
      const box = secretBox(loadSecretKey(undefined, t.env.KAOPING_DATA_DIR!));
      runner = new JobRunner({ handle: t.handle, now: () => new Date(), secrets: () => box });
      ana = await signIn(app, 'ana');
    });
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
    });

    it('fails a bad row with the line and column of the uploaded file, storing nothing', async () => {
      const job = await imported('responses', '答卷.csv', BAD);
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/^答卷\.csv:3: column target_unit: /);
      expect(job.error).not.toContain('kaoping-upload-');
      expect(await count(t, 'responses')).toBe(0);
    });

    it('imports a good responses file; the same file again adds nothing', async () => {
      const first = await imported('responses', 'responses.csv', RESPONSES);
      expect(first.status, first.error ?? '').toBe('succeeded');
      expect(first.progress).toBe(1);
      expect(first.result).toMatchObject({ what: 'responses', added: 7, unchanged: 0 });
      expect(await count(t, 'responses')).toBe(7);
      const again = await imported('responses', 'responses.csv', RESPONSES);
      expect(again.result).toMatchObject({ added: 0, unchanged: 7 });
      expect(await count(t, 'responses')).toBe(7);
    });

    it('reads an .xlsx of phone cases with Chinese headers and encrypts the numbers', async () => {
      const job = await imported('cases', '电话样本.xlsx', await casesXlsx());
      expect(job.status, job.error ?? '').toBe('succeeded');
      expect(job.result).toMatchObject({ what: 'cases', rows: 5 });
      expect(await count(t, 'phone_cases')).toBe(5);
      const row = await t.handle.db.selectFrom('phone_cases').selectAll().executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain('13800000001');
    });

    it('refuses a failed import retry: the file is not kept', async () => {
      const failed = await imported('responses', 'again.csv', BAD);
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/assessments/${SMALL_ID}/jobs/${failed.id}/retry`,
        headers: asSession(ana, 'POST'),
      });
      expect(r.statusCode).toBe(409);
      expect(r.json<{ detail: string }>().detail).toContain('upload the file again');
    });

    it('lets a supervisor import the phone sample and follow it, and nothing else', async () => {
      const zhao = await signIn(app, 'zhao');
      const asZhao = (method: 'GET' | 'POST' = 'GET') => asSession(zhao, method);
      // responses and scores stay with the office and the firm
      expect((await upload('responses', 'r.csv', RESPONSES, asZhao('POST'))).statusCode).toBe(403);
      expect((await upload('scores', 's.csv', 'unit_code,score\nA,90\n', asZhao('POST'))).statusCode).toBe(
        403,
      );
      const r = await upload('cases', '样本.xlsx', await casesXlsx(), asZhao('POST'));
      expect(r.statusCode, r.body).toBe(202);
      const queued = r.json<Job>();
      expect(queued).toMatchObject({ kind: 'import', params: { what: 'cases' } });
      expect(await runner.runOnce()).toBe(true);
      const mine = await app.inject({
        method: 'GET',
        url: `/api/v1/assessments/${SMALL_ID}/jobs/${queued.id}`,
        headers: asZhao(),
      });
      expect(mine.statusCode).toBe(200);
      expect(mine.json<Job>()).toMatchObject({ status: 'succeeded', result: { what: 'cases', rows: 5 } });
      // the analysts' response imports exist, but a supervisor sees only the phone-case imports
      const all = await app.inject({
        method: 'GET',
        url: `/api/v1/assessments/${SMALL_ID}/jobs`,
        headers: asSession(ana),
      });
      const seen = await app.inject({
        method: 'GET',
        url: `/api/v1/assessments/${SMALL_ID}/jobs`,
        headers: asZhao(),
      });
      const kinds = (r: typeof seen) => r.json<{ jobs: Job[] }>().jobs.map((j) => String(j.params.what));
      expect(kinds(all)).toContain('responses');
      expect(new Set(kinds(seen))).toEqual(new Set(['cases']));
      expect(kinds(seen).length).toBe(kinds(all).filter((w) => w === 'cases').length);
      const other = all.json<{ jobs: Job[] }>().jobs.find((j) => j.params.what === 'responses')!;
      const denied = await app.inject({
        method: 'GET',
        url: `/api/v1/assessments/${SMALL_ID}/jobs/${other.id}`,
        headers: asZhao(),
      });
      expect(denied.statusCode).toBe(403);
      expect(denied.json<{ detail: string }>().detail).toContain('supervisors see those only');
    });

    it('answers 401 without credentials, 403 to an agency viewer, 400 to a .txt, 422 to an unknown kind', async () => {
      expect((await upload('responses', 'r.csv', RESPONSES, {})).statusCode).toBe(401);
      const viewer = await signIn(app, 'viewer');
      expect((await upload('responses', 'r.csv', RESPONSES, asSession(viewer, 'POST'))).statusCode).toBe(403);
      expect((await upload('responses', 'r.txt', RESPONSES)).statusCode).toBe(400);
      expect((await upload('units', 'r.csv', RESPONSES)).statusCode).toBe(422);
      expect(await count(t, 'responses')).toBe(7);
    });
  });
}
