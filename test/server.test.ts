/**
 * The server's foundation on both engines: /healthz, the console's files at /, the one error handler
 * (problem+json bodies, exactly), the OpenAPI document, the policy check at registration and
 * the log redaction.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { asSession, makeAssessments, makeUser, PASSWORD, signIn } from './support/server.js';

const problem = (code: string, title: string, status: number, rest: Record<string, unknown>) => ({
  type: `urn:kaoping:error:${code}`,
  title,
  status,
  code,
  ...rest,
});

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`server on ${engine}`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(engine);
      await makeAssessments(t);
      await makeUser(t, 'ann', 'admin');
    });
    afterAll(async () => t?.dispose());

    it('answers /healthz with 200 while the database is reachable', async () => {
      const app = buildApp({ handle: t.handle });
      const r = await app.inject({ method: 'GET', url: '/healthz' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ status: 'ok', engine });
      await app.close();
    });

    it('serves the console: index.html (no-cache) at / and at client routes, hashed assets immutable', async () => {
      const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-web-'));
      fs.mkdirSync(path.join(webRoot, 'assets'));
      fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
      fs.writeFileSync(path.join(webRoot, 'assets', 'index-AbC123.js'), 'export {};');
      const app = buildApp({ handle: t.handle, webRoot });
      for (const url of ['/', '/users', '/assessments/a1/results?x=1']) {
        const r = await app.inject({ method: 'GET', url });
        expect([url, r.statusCode, r.body]).toEqual([url, 200, '<!doctype html><div id="root"></div>']);
        expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(r.headers['cache-control']).toBe('no-cache');
        expect(r.headers['content-security-policy']).toContain("script-src 'self'");
      }
      const asset = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      // API paths, file-like paths and missing assets stay 404 problems, never index.html
      for (const url of ['/api/v1/nothing', '/favicon.ico', '/assets/gone-123.js']) {
        const r = await app.inject({ method: 'GET', url });
        expect([url, r.statusCode, r.headers['content-type']]).toEqual([
          url,
          404,
          'application/problem+json; charset=utf-8',
        ]);
      }
      await app.close();
      // a console not built yet: a page that says how to build it
      fs.rmSync(path.join(webRoot, 'index.html'));
      const bare = buildApp({ handle: t.handle, webRoot });
      const r = await bare.inject({ method: 'GET', url: '/' });
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('npm run build');
      await bare.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    });
  });
}

describe('errors are application/problem+json from the catalog', () => {
  let t: TestDb;
  const lines: string[] = [];
  let app: ReturnType<typeof buildApp>;
  beforeAll(async () => {
    t = await createTestDb('sqlite');
    await makeUser(t, 'ann', 'admin');
    app = buildApp({
      handle: t.handle,
      logger: { level: 'info', stream: { write: (l) => void lines.push(l) } },
    });
    // test-only routes, public: one with a nested body schema, one that fails like a bug
    app.post(
      '/test/answers',
      {
        config: { policy: 'health.get' },
        schema: {
          body: Type.Object(
            {
              answers: Type.Array(
                Type.Object({ item: Type.String(), value: Type.Integer() }, { additionalProperties: false }),
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
      () => ({ ok: true }),
    );
    app.get('/test/boom', { config: { policy: 'health.get' } }, () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
    });
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
  });

  const post = (url: string, payload: string, type = 'application/json') =>
    app.inject({ method: 'POST', url, payload, headers: { 'content-type': type } });

  it('400 for malformed JSON', async () => {
    const r = await post('/api/v1/session', '{"name":');
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(r.json()).toEqual(
      problem('KP_MALFORMED_BODY', 'Malformed request body', 400, {
        detail: "Body is not valid JSON but content-type is set to 'application/json'",
        instance: '/api/v1/session',
      }),
    );
  });

  it('404 for an unknown route', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/nothing?x=1' });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(r.json()).toEqual(
      problem('KP_NOT_FOUND', 'Not found', 404, {
        detail: 'no route GET /api/v1/nothing (see /api/docs)',
        instance: '/api/v1/nothing',
      }),
    );
  });

  it('413 for a body over 1 MiB', async () => {
    const r = await post('/api/v1/session', JSON.stringify({ name: 'a', password: 'x'.repeat(1 << 20) }));
    expect(r.statusCode).toBe(413);
    expect(r.json()).toEqual(
      problem('KP_PAYLOAD_TOO_LARGE', 'Payload too large', 413, {
        detail: 'Request body is too large',
        instance: '/api/v1/session',
      }),
    );
  });

  it('415 for an unsupported media type', async () => {
    const r = await post('/api/v1/session', 'name=a&password=b', 'application/x-www-form-urlencoded');
    expect(r.statusCode).toBe(415);
    expect(r.json()).toEqual(
      problem('KP_UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 415, {
        detail: 'Unsupported Media Type',
        instance: '/api/v1/session',
      }),
    );
  });

  it('422 naming the field: nested path, unknown field, missing field, wrong type (no coercion)', async () => {
    const cases: [string, string, string, string][] = [
      [
        '/test/answers',
        '{"answers":[{"item":"q1","value":"5"}]}',
        'answers.0.value',
        'answers.0.value: must be integer',
      ],
      [
        '/test/answers',
        '{"answers":[{"item":"q1","value":5,"x":1}]}',
        'answers.0.x',
        'answers.0.x: unknown field',
      ],
      [
        '/test/answers',
        '{"answers":[{"item":"q1","value":null}]}',
        'answers.0.value',
        'answers.0.value: must be integer',
      ],
      [
        '/api/v1/session',
        '{"name":"a","password":"b","remember":true}',
        'remember',
        'remember: unknown field',
      ],
      ['/api/v1/session', '{"name":"a"}', 'password', 'password: required field missing'],
      ['/api/v1/session', '{"name":5,"password":"b"}', 'name', 'name: must be string'],
    ];
    for (const [url, body, field, detail] of cases) {
      const r = await post(url, body);
      expect([r.statusCode, r.json()]).toEqual([
        422,
        problem('KP_VALIDATION', 'Request does not match the schema', 422, { detail, field, instance: url }),
      ]);
    }
    const s = await signIn(app, 'ann');
    const param = await app.inject({
      method: 'DELETE',
      url: '/api/v1/api-keys/abc',
      headers: asSession(s, 'DELETE'),
    });
    expect(param.json()).toEqual(
      problem('KP_VALIDATION', 'Request does not match the schema', 422, {
        detail: 'id: must match pattern "^[0-9]{1,12}$" (in the params)',
        field: 'id',
        instance: '/api/v1/api-keys/abc',
      }),
    );
    const ok = await post('/test/answers', '{"answers":[{"item":"q1","value":5}]}');
    expect(ok.statusCode).toBe(200);
  });

  it('500 without internals, the error in the log', async () => {
    const r = await app.inject({ method: 'GET', url: '/test/boom' });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual(problem('KP_INTERNAL', 'Internal error', 500, { instance: '/test/boom' }));
    expect(r.body).not.toMatch(/ECONNREFUSED|hunter2/);
    expect(lines.join('')).toContain('ECONNREFUSED 10.0.0.5');
  });

  it('never logs passwords, session tokens, CSRF tokens or API keys', async () => {
    const s = await signIn(app, 'ann');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: asSession(s, 'POST'),
      payload: { role: 'analyst' },
    });
    const key = created.json<{ key: string }>().key;
    await app.inject({
      method: 'GET',
      url: '/api/v1/assessments',
      headers: { authorization: `Bearer ${key}` },
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { name: 'ann', password: 'wrong-one' },
    });
    app.log.info(
      { req: { headers: { authorization: `Bearer ${key}`, cookie: `kp_session=${s.cookie}` } } },
      'probe',
    );
    const log = lines.join('');
    expect(log).toContain('probe');
    for (const secret of [PASSWORD, 'wrong-one', s.cookie, s.csrf, key]) expect(log).not.toContain(secret);
  });
});

describe('the policy table is checked at registration', () => {
  it('refuses a route without a policy entry, at start-up', async () => {
    const t = await createTestDb('sqlite');
    const app = buildApp({ handle: t.handle });
    expect(() => app.get('/forgotten', () => 'x')).toThrow(
      'route GET /forgotten has no entry in the policy table (src/server/policy.ts): give it config.policy',
    );
    const other = buildApp({ handle: t.handle });
    void other.register((scoped) => Promise.resolve().then(() => scoped.post('/also-forgotten', () => 'x')));
    await expect(other.ready()).rejects.toThrow(/POST \/also-forgotten has no entry in the policy table/);
    await app.close();
    await t.dispose();
  });
});

describe('the OpenAPI document', () => {
  it('lists every registered route with its method, parameters, body and responses', async () => {
    const t = await createTestDb('sqlite');
    const app = buildApp({ handle: t.handle });
    await app.ready();
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { responses?: Record<string, unknown>; requestBody?: unknown; parameters?: { in: string }[] }
        >
      >;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    const own = app.routeTable.filter(
      (x) =>
        x.method !== 'HEAD' && !['docs.ui', 'openapi.get', 'web.assets', 'console.page'].includes(x.policy),
    );
    expect(own.length).toBeGreaterThanOrEqual(15);
    for (const route of own) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url}`).toBeDefined();
      expect(Object.keys(op?.responses ?? {}).length, `${route.method} ${route.url}`).toBeGreaterThan(0);
      const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].length;
      // every path parameter is documented (query parameters and headers such as Idempotency-Key come on top)
      const inPath = (op?.parameters ?? []).filter((p) => p.in === 'path');
      expect(inPath.length, `${route.method} ${route.url}`).toBe(params);
    }
    const signInOp = doc.paths['/api/v1/session']?.post;
    expect(JSON.stringify(signInOp?.requestBody)).toContain('"additionalProperties":false');
    expect(Object.keys((signInOp?.responses?.['401'] as { content: object }).content)).toEqual([
      'application/problem+json',
    ]);
    const ui = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
    await app.close();
    await t.dispose();
  });
});

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
