/**
 * POST /api/v1/assessments/{id}/responses (SPEC §4.7) on both engines: every status with its
 * exact problem+json body, idempotency by Idempotency-Key and by response_id (also after a
 * restart), the same content hash as the file importer, and concurrent submissions stored
 * exactly once.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { createApiKey } from '../src/services/accounts/accounts.js';
import { importResponses, RESPONSE_COLUMNS } from '../src/services/import/responses.js';
import { memorySource } from '../src/services/import/table-reader.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { auditLog, bearer, testClock } from './support/server.js';
import { saveConfig } from '../src/db/repos/assessments.js';
import { makeSubmissionAssessment, publicBody, smallConfig } from './support/submissions.js';

const URL_S1 = '/api/v1/assessments/s1/responses';
const HASH = /^[A-Za-z0-9_-]{43}$/;
const A_HASH: unknown = expect.stringMatching(HASH);

/** The problem+json body of the catalog for `code`, as the error handler writes it. */
function problem(status: number, code: string, title: string, extra: Record<string, unknown>) {
  return { type: `urn:kaoping:error:${code}`, title, status, code, instance: URL_S1, ...extra };
}
const invalid = (field: string, why: string) =>
  problem(422, 'KP_VALIDATION', 'Request does not match the schema', { field, detail: `${field}: ${why}` });

/** The cells of the long format (SPEC §4.3) of a body, one row per answer. */
function rowsOf(body: Record<string, unknown>): string[][] {
  const answers = body.answers as { target_unit?: string | null; item: string; value: number | string }[];
  const cell = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '');
  return answers.map((a) => [
    cell(body.response_id),
    cell(body.channel),
    cell(body.group),
    cell(body.respondent_unit),
    cell(body.respondent_key),
    cell(a.target_unit),
    a.item,
    cell(a.value),
    cell(body.duration_s),
    cell(body.submitted_at),
  ]);
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`submissions on ${engine}`, () => {
    let t: TestDb;
    let app: ReturnType<typeof buildApp>;
    let key: string;
    let keyA2: string;
    let supervisorKey: string;
    const clock = testClock('2026-03-01T08:00:00.000Z');

    beforeAll(async () => {
      t = await createTestDb(engine);
      await makeSubmissionAssessment(t, 's1');
      await makeSubmissionAssessment(t, 's2');
      key = await createApiKey(t.handle.db, 'analyst', null, 'test', new Date());
      keyA2 = await createApiKey(t.handle.db, 'admin', 's2', 'test', new Date());
      supervisorKey = await createApiKey(t.handle.db, 'supervisor', null, 'test', new Date());
      app = buildApp({ handle: t.handle, now: clock.now });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
    });

    const post = (body: unknown, headers: Record<string, string> = {}, url = URL_S1) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...bearer(key), 'content-type': 'application/json', ...headers },
        payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
      });
    const stored = async (id: string) =>
      t.handle.db
        .selectFrom('responses')
        .select(['response_id', 'content_hash', 'created_at'])
        .where('assessment_id', '=', 's1')
        .where('response_id', '=', id)
        .execute();

    it('stores a response: 201 with its receipt, then 200 with the same receipt for the same body', async () => {
      const r = await post(publicBody('r1'));
      expect(r.statusCode).toBe(201);
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      const receipt = r.json<Record<string, unknown>>();
      expect(receipt).toEqual({
        assessment_id: 's1',
        response_id: 'r1',
        content_hash: A_HASH,
        created_at: '2026-03-01T08:00:00.000Z',
      });
      clock.advance(60_000);
      const again = await post(publicBody('r1'));
      expect([again.statusCode, again.json()]).toEqual([200, receipt]);
      const rows = await stored('r1');
      expect(rows).toEqual([
        { response_id: 'r1', content_hash: receipt.content_hash, created_at: '2026-03-01T08:00:00.000Z' },
      ]);
      const log = (await auditLog(t)).filter((e) => e.action === 'submit.responses');
      expect(log).toEqual([
        {
          actor: expect.stringMatching(/^apikey:kp_/) as unknown,
          action: 'submit.responses',
          assessmentId: 's1',
          details: { added: 1, responseIds: ['r1'] },
        },
      ]);
    });

    it('answers 409 for a stored response_id with another body, storing nothing', async () => {
      const r = await post(publicBody('r1', 'A', 2));
      expect(r.statusCode).toBe(409);
      expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(r.json()).toEqual(
        problem(409, 'KP_CONFLICT', 'Conflict', {
          field: 'response_id',
          detail: 'response_id: response "r1" is already stored with different content',
        }),
      );
      expect(await stored('r1')).toHaveLength(1);
    });

    it('keeps Idempotency-Keys: same key and body 200, the key with another body 409', async () => {
      const k = { 'idempotency-key': 'key-0001' };
      const first = await post(publicBody('k1'), k);
      expect(first.statusCode).toBe(201);
      const again = await post(publicBody('k1'), k);
      expect([again.statusCode, again.json()]).toEqual([200, first.json()]);
      // the key reused for another response, or for other content of the same response
      for (const body of [publicBody('k2'), publicBody('k1', 'B')]) {
        const r = await post(body, k);
        expect([r.statusCode, r.json()]).toEqual([
          409,
          problem(409, 'KP_CONFLICT', 'Conflict', {
            field: 'Idempotency-Key',
            detail: 'Idempotency-Key: this Idempotency-Key was used for another body (response "k1")',
          }),
        ]);
      }
      expect(await stored('k2')).toEqual([]);
      // another key for a stored response with the same content: the stored receipt
      const other = await post(publicBody('k1'), { 'idempotency-key': 'key-0002' });
      expect([other.statusCode, other.json()]).toEqual([200, first.json()]);
      const keys = await t.handle.db
        .selectFrom('submission_keys')
        .select(['idem_key', 'response_id'])
        .orderBy('idem_key')
        .execute();
      expect(keys).toEqual([
        { idem_key: 'key-0001', response_id: 'k1' },
        { idem_key: 'key-0002', response_id: 'k1' },
      ]);
      const bad = await post(publicBody('k3'), { 'idempotency-key': 'has space' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json<{ field: string }>().field).toBe('idempotency-key');
    });

    it('answers the same after a restart (a new app on the same database)', async () => {
      const before = (await post(publicBody('k1'), { 'idempotency-key': 'key-0001' })).json<unknown>();
      await app.close();
      app = buildApp({ handle: t.handle, now: clock.now });
      const byKey = await post(publicBody('k1'), { 'idempotency-key': 'key-0001' });
      expect([byKey.statusCode, byKey.json()]).toEqual([200, before]);
      const byId = await post(publicBody('r1'));
      expect(byId.statusCode).toBe(200);
      const conflict = await post(publicBody('k9'), { 'idempotency-key': 'key-0001' });
      expect(conflict.statusCode).toBe(409);
    });

    it('refuses malformed, oversized, non-JSON and non-UTF-8 bodies', async () => {
      const malformed = await post('{"response_id": "x",');
      expect([malformed.statusCode, malformed.json<{ code: string }>().code]).toEqual([
        400,
        'KP_MALFORMED_BODY',
      ]);
      expect(malformed.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const big = publicBody('big');
      (big.answers as { value: unknown }[])[4]!.value = 'x'.repeat((1 << 20) + 10);
      const tooLarge = await post(big);
      expect([tooLarge.statusCode, tooLarge.json<{ code: string }>().code]).toEqual([
        413,
        'KP_PAYLOAD_TOO_LARGE',
      ]);
      const text = await post('response_id=x', { 'content-type': 'text/plain' });
      expect([text.statusCode, text.json<{ code: string }>().code]).toEqual([
        415,
        'KP_UNSUPPORTED_MEDIA_TYPE',
      ]);
      const latin1 = Buffer.from(JSON.stringify(publicBody('gbk')).replace('窗口人员很耐心', 'XX'));
      latin1[latin1.indexOf('XX')] = 0xc3; // a lead byte without its continuation
      const notUtf8 = await post(latin1);
      expect([notUtf8.statusCode, notUtf8.json()]).toEqual([
        400,
        problem(400, 'KP_MALFORMED_BODY', 'Malformed request body', {
          detail: 'the body is not valid UTF-8',
        }),
      ]);
      expect(await stored('big')).toEqual([]);
      expect(await stored('gbk')).toEqual([]);
    });

    it('answers 422 naming the field for schema breaks', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ ...publicBody('s'), extra: 1 }, 'extra', 'unknown field'],
        [
          { ...publicBody('s'), answers: [{ item: 'Q1', value: 4, note: 'x' }] },
          'answers.0.note',
          'unknown field',
        ],
        [{ ...publicBody('s'), duration_s: '120' }, 'duration_s', 'must be number'],
        [
          { ...publicBody('s'), answers: [{ target_unit: 'A', item: 'Q1', value: true }] },
          'answers.0.value',
          'must be integer',
        ],
        [
          { ...publicBody('s'), answers: [{ target_unit: 'A', item: 'Q1', value: 4.5 }] },
          'answers.0.value',
          'must be integer',
        ],
        [{ ...publicBody('s'), response_id: undefined }, 'response_id', 'required field missing'],
        [{ ...publicBody('s'), answers: [] }, 'answers', 'must NOT have fewer than 1 items'],
      ];
      for (const [body, field, why] of cases) {
        const r = await post(body);
        expect([r.statusCode, r.json()], field).toEqual([422, invalid(field, why)]);
      }
    });

    it("answers 422 naming the field for answers the configuration refuses (the importer's checks)", async () => {
      const with3 = (answer: Record<string, unknown>) => {
        const b = publicBody('v');
        (b.answers as unknown[])[3] = answer;
        return b;
      };
      const cases: [Record<string, unknown>, string, string][] = [
        [
          with3({ target_unit: 'A', item: 'Q4', value: 6 }),
          'answers.3.value',
          '"6" is not a rating 1..5 or DK',
        ],
        [
          with3({ target_unit: 'A', item: 'Q4', value: 0 }),
          'answers.3.value',
          '"0" is not a rating 1..5 or DK',
        ],
        [
          with3({ target_unit: 'A', item: 'Q4', value: 'good' }),
          'answers.3.value',
          '"good" is not a rating: an integer 1..5 or "DK"',
        ],
        [
          with3({ target_unit: 'A', item: 'C1', value: 3 }),
          'answers.3.value',
          'item "C1" is a text item: its value is a string',
        ],
        [with3({ target_unit: 'A', item: 'Q9', value: 3 }), 'answers.3.item', 'unknown item "Q9"'],
        [
          with3({ target_unit: 'A', item: 'F1', value: 3 }),
          'answers.3.item',
          'item "F1" is not asked of group "public"',
        ],
        [with3({ target_unit: 'Z', item: 'Q4', value: 3 }), 'answers.3.target_unit', 'unknown agency "Z"'],
        [
          with3({ item: 'Q4', value: 3 }),
          'answers.3.target_unit',
          'empty; every answer of an agency group names the agency it rates',
        ],
        [
          with3({ target_unit: 'A', item: 'Q1', value: 3 }),
          'answers.3.item',
          'response "v" answers item "Q1" for "A" twice',
        ],
        [{ ...publicBody('v'), group: 'nobody' }, 'group', 'unknown group "nobody"'],
        [
          { ...publicBody('v'), channel: 'fax' },
          'channel',
          'unknown channel "fax"; expected phone|intercept|online|peer',
        ],
        [
          { ...publicBody('v'), channel: 'peer' },
          'channel',
          'channel "peer" is not a channel of group "public"',
        ],
        [{ ...publicBody('v'), respondent_unit: 'Z' }, 'respondent_unit', 'unknown agency "Z"'],
        [
          { ...publicBody('v'), submitted_at: '2026-02-30T10:00:00' },
          'submitted_at',
          '"2026-02-30T10:00:00" is not a date-time on the calendar (ISO 8601, e.g. 2021-05-06T14:30:00+08:00)',
        ],
        [
          { ...publicBody('v'), group: 'firm', answers: [{ target_unit: 'A', item: 'F1', value: 4 }] },
          'answers.0.target_unit',
          'group "firm" rates the evaluation firm: target_unit must be empty',
        ],
      ];
      for (const [body, field, why] of cases) {
        const r = await post(body);
        expect([r.statusCode, r.json()], field).toEqual([422, invalid(field, why)]);
      }
      expect(await stored('v')).toEqual([]);
      // a firm group's answers have no target; a peer rates with its own agency
      const firm = {
        ...publicBody('firm1'),
        group: 'firm',
        answers: [
          { item: 'F1', value: 4 },
          { target_unit: null, item: 'F1', value: 'DK' },
        ],
      };
      expect((await post(firm)).json()).toEqual(
        invalid('answers.1.item', 'response "firm1" answers item "F1" for "(firm)" twice'),
      );
      firm.answers.pop();
      expect((await post(firm)).statusCode).toBe(201);
      const peer = {
        ...publicBody('peer1'),
        channel: 'peer',
        group: 'peer',
        respondent_unit: 'B',
        answers: [{ target_unit: 'A', item: 'Q1', value: 5 }],
      };
      expect((await post(peer)).statusCode).toBe(201);
    });

    it('answers 401 without credentials, 403 for a key without the right, 404 for an unknown assessment', async () => {
      const none = await app.inject({ method: 'POST', url: URL_S1, payload: publicBody('a1') });
      expect([none.statusCode, none.json()]).toEqual([
        401,
        problem(401, 'KP_UNAUTHENTICATED', 'Authentication required', {
          detail: 'sign in (POST /api/v1/session) or send Authorization: Bearer <API key>',
        }),
      ]);
      const wrongKey = await post(publicBody('a1'), bearer(`kp_${'x'.repeat(32)}`));
      expect([wrongKey.statusCode, wrongKey.json<{ detail: string }>().detail]).toEqual([
        401,
        'the API key is unknown or revoked',
      ]);
      const supervisor = await post(publicBody('a1'), bearer(supervisorKey));
      expect([supervisor.statusCode, supervisor.json()]).toEqual([
        403,
        problem(403, 'KP_FORBIDDEN', 'Forbidden', {
          detail: 'the role supervisor may not do this (it needs: admin, analyst)',
        }),
      ]);
      const otherAssessment = await post(publicBody('a1'), bearer(keyA2));
      expect([otherAssessment.statusCode, otherAssessment.json<{ detail: string }>().detail]).toEqual([
        403,
        'this API key is for assessment "s2" only',
      ]);
      const url = '/api/v1/assessments/nope/responses';
      const unknown = await post(publicBody('a1'), {}, url);
      expect([unknown.statusCode, unknown.json()]).toEqual([
        404,
        {
          ...problem(404, 'KP_NOT_FOUND', 'Not found', { detail: 'assessment "nope" does not exist' }),
          instance: url,
        },
      ]);
      expect(await stored('a1')).toEqual([]);
      // the server keeps serving
      expect((await post(publicBody('a2'))).statusCode).toBe(201);
    });

    it('stores the same response over HTTP and from a file once: same content hash both ways', async () => {
      const ctx = { handle: t.handle, actor: 'test', now: () => new Date() };
      const http = publicBody('same1');
      const receipt = (await post(http)).json<{ content_hash: string }>();
      const csv = memorySource('same.csv', {
        header: RESPONSE_COLUMNS.map((c) => c.name),
        rows: rowsOf(http),
      });
      expect(await importResponses(ctx, 's1', csv)).toEqual({ rows: 5, added: 0, unchanged: 1 });
      // the other way round: imported first, then submitted
      const file = publicBody('same2', 'C', 1);
      const src = memorySource('same2.csv', {
        header: RESPONSE_COLUMNS.map((c) => c.name),
        rows: rowsOf(file),
      });
      expect(await importResponses(ctx, 's1', src)).toEqual({ rows: 5, added: 1, unchanged: 0 });
      const again = await post(file);
      expect(again.statusCode).toBe(200);
      const [row] = await stored('same2');
      expect(again.json()).toEqual({
        assessment_id: 's1',
        response_id: 'same2',
        content_hash: row!.content_hash,
        created_at: row!.created_at,
      });
      expect(receipt.content_hash).toMatch(HASH);
      // a different answer order is the same content
      const shuffled = { ...http, answers: [...(http.answers as unknown[])].reverse() };
      expect((await post(shuffled)).statusCode).toBe(200);
    });

    it('stores 200 concurrent submissions exactly once, answering duplicates 200 and conflicts 409', async () => {
      const requests: { id: string; kind: 'same' | 'other'; body: Record<string, unknown> }[] = [];
      for (let i = 0; i < 60; i++) {
        requests.push({ id: `c${i}`, kind: 'same', body: publicBody(`c${i}`, 'B', 1 + (i % 5)) });
        requests.push({ id: `c${i}`, kind: 'same', body: publicBody(`c${i}`, 'B', 1 + (i % 5)) });
      }
      for (let i = 0; i < 40; i++) {
        requests.push({ id: `d${i}`, kind: 'other', body: publicBody(`d${i}`, 'C', 1) });
        requests.push({ id: `d${i}`, kind: 'other', body: publicBody(`d${i}`, 'C', 2) });
      }
      const answers = await Promise.all(requests.map((r) => post(r.body)));
      const byId = new Map<string, number[]>();
      requests.forEach((r, i) => byId.set(r.id, [...(byId.get(r.id) ?? []), answers[i]!.statusCode]));
      for (const [id, statuses] of byId)
        expect([id, statuses.sort()]).toEqual([id, id.startsWith('c') ? [200, 201] : [201, 409]]);
      const n = await t.handle.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('assessment_id', '=', 's1')
        .where((eb) => eb.or([eb('response_id', 'like', 'c%'), eb('response_id', 'like', 'd%')]))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(100);
      // group commit: far fewer blocks than responses
      const blocks = await t.handle.db.selectFrom('response_blocks').select('id').execute();
      expect(blocks.length).toBeLessThan(60);
    });

    it('checks against the configuration and agencies of the moment, also when they change between check and commit', async () => {
      const url = '/api/v1/assessments/s2/responses';
      expect((await post(publicBody('n1'), {}, url)).statusCode).toBe(201);
      // a new agency is accepted at once, though the lookup of s2 is cached
      await t.handle.db
        .insertInto('units')
        .values({
          assessment_id: 's2',
          code: 'D',
          name: '单位 D',
          category: 'c1',
          has_window: 0,
          position: 9,
        })
        .execute();
      expect((await post(publicBody('n2', 'D'), {}, url)).statusCode).toBe(201);
      // Q4 no longer asked of the public: the writer re-checks with the configuration in its
      // transaction, whatever the cached lookup said
      const config = smallConfig('s2');
      config.items = config.items.map((it) => (it.code === 'Q4' ? { ...it, groups: ['peer'] } : it));
      clock.advance(1000);
      await saveConfig(t.handle.db, config, clock.now().toISOString());
      const r = await post(publicBody('n3'), {}, url);
      expect([r.statusCode, r.json<{ field: string }>().field]).toEqual([422, 'answers.3.item']);
    });

    it('answers every submission in flight before app.close() resolves', async () => {
      const server = buildApp({ handle: t.handle, now: clock.now });
      let arrived = 0;
      server.addHook('preValidation', (_req, _reply, done) => {
        arrived++;
        done();
      });
      await server.listen({ host: '127.0.0.1', port: 0 });
      const { port } = server.server.address() as { port: number };
      // without keep-alive (agent: false): a connection that turns idle only after close()
      // began would hold the server open until its keep-alive timeout
      const sent = Array.from(
        { length: 30 },
        (_, i) =>
          new Promise<number>((resolve, reject) => {
            const req = http.request(
              { host: '127.0.0.1', port, path: URL_S1, method: 'POST', agent: false },
              (res) => {
                res.resume();
                res.on('end', () => resolve(res.statusCode ?? 0));
              },
            );
            req.on('error', reject);
            req.setHeader('authorization', `Bearer ${key}`);
            req.setHeader('content-type', 'application/json');
            req.end(JSON.stringify(publicBody(`close-${i}`)));
          }),
      );
      while (arrived < 30) await new Promise((r) => setTimeout(r, 1));
      await server.close();
      expect(await Promise.all(sent)).toEqual(sent.map(() => 201));
      const rows = await t.handle.db
        .selectFrom('responses')
        .select('response_id')
        .where('response_id', 'like', 'close-%')
        .execute();
      expect(rows).toHaveLength(30);
    });
  });
}
