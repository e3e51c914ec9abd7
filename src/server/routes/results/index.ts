/**
 * Results snapshots (staff: list, meta, a page of a table, publish) and what agencies see (the
 * published results, one agency's results). Reads of results are audited by the services.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Principal } from '../../../services/accounts/principal.js';
import {
  getSnapshot,
  listSnapshots,
  publishSnapshot,
  snapshotTable,
} from '../../../services/results/snapshots.js';
import { snapshotWorkbook } from '../../../services/results/workbook.js';
import { publishedResults, unitResults, type SnapshotChoice } from '../../../services/results/unit-views.js';
import { AssessmentParams, UnitParams } from '../../../shared/api/assessments.js';
import { problems } from '../../../shared/api/problem.js';
import {
  Publication,
  PublishedResults,
  SnapshotList,
  SnapshotMeta,
  SnapshotParams,
  TablePage,
  TableParams,
  TableQuery,
  UnitResultsQuery,
  UnitResultsView,
} from '../../../shared/api/results.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('signed-in route reached anonymously (policy bug)');
  return req.principal;
}

const choiceOf = (s: string | undefined): SnapshotChoice | undefined =>
  s === undefined ? undefined : s === 'latest' || s === 'published' ? s : Number(s);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** a workbook's bytes, streamed */
const Binary = Type.Unsafe<Readable>({ type: 'string', format: 'binary' });

const optInt = (s: string | undefined) => (s === undefined ? undefined : Number(s));

export const resultRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  const tags = ['results'];
  app.get(
    '/api/v1/assessments/:id/snapshots',
    {
      config: { policy: 'snapshots.list' },
      schema: {
        tags,
        summary: 'Results snapshots, newest first, with age, stale and published',
        params: AssessmentParams,
        response: { 200: SnapshotList, ...problems(401, 403, 404) },
      },
    },
    async (req) => listSnapshots(env, req.params.id),
  );

  app.get(
    '/api/v1/assessments/:id/snapshots/:sid',
    {
      config: { policy: 'snapshots.get' },
      schema: {
        tags,
        params: SnapshotParams,
        response: { 200: SnapshotMeta, ...problems(401, 403, 404, 422) },
      },
    },
    async (req) => getSnapshot(env, req.params.id, Number(req.params.sid)),
  );

  app.get(
    '/api/v1/assessments/:id/snapshots/:sid/tables/:table',
    {
      config: { policy: 'snapshots.table' },
      schema: {
        tags,
        summary: 'A page of one §4.6 table of a snapshot (audited as a view of results)',
        params: TableParams,
        querystring: TableQuery,
        response: { 200: TablePage, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req) =>
      snapshotTable(serviceContext(env, req), req.params.id, Number(req.params.sid), req.params.table, {
        offset: optInt(req.query.offset),
        limit: optInt(req.query.limit),
      }),
  );

  app.get(
    '/api/v1/assessments/:id/snapshots/:sid/results.xlsx',
    {
      config: { policy: 'snapshots.workbook' },
      schema: {
        tags,
        summary: 'The snapshot as results.xlsx: one sheet per §4.6 table (audited as a view of results)',
        params: SnapshotParams,
        response: {
          200: { description: 'an XLSX workbook', content: { [XLSX]: { schema: Binary } } },
          ...problems(401, 403, 404, 422),
        },
      },
    },
    async (req, reply) => {
      const wb = await snapshotWorkbook(serviceContext(env, req), req.params.id, Number(req.params.sid));
      const body = new PassThrough();
      // a failure mid-stream can only cut the download short: the status line is gone
      wb.write(body).catch((e: unknown) => body.destroy(e instanceof Error ? e : new Error(String(e))));
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="${wb.asciiName}"; filename*=UTF-8''${encodeURIComponent(wb.fileName)}`,
        )
        .send(body);
    },
  );

  app.post(
    '/api/v1/assessments/:id/snapshots/:sid/publish',
    {
      config: { policy: 'snapshots.publish' },
      schema: {
        tags,
        summary: 'Publish a snapshot: agency viewers then see it, frozen (republishing is audited)',
        params: SnapshotParams,
        response: { 200: Publication, ...problems(401, 403, 404, 422) },
      },
    },
    async (req) => publishSnapshot(serviceContext(env, req), req.params.id, Number(req.params.sid)),
  );

  app.get(
    '/api/v1/assessments/:id/results/published',
    {
      config: { policy: 'results.published' },
      schema: {
        tags,
        summary: 'The published results: every agency for staff, its own for an agency viewer',
        params: AssessmentParams,
        response: { 200: PublishedResults, ...problems(401, 403, 404) },
      },
    },
    async (req) => publishedResults(serviceContext(env, req), principalOf(req), req.params.id),
  );

  app.get(
    '/api/v1/assessments/:id/units/:unit/results',
    {
      config: { policy: 'results.unit' },
      schema: {
        tags,
        summary: "One agency's results: published for agency viewers; latest by default for staff",
        params: UnitParams,
        querystring: UnitResultsQuery,
        response: { 200: UnitResultsView, ...problems(401, 403, 404, 422) },
      },
    },
    async (req) =>
      unitResults(
        serviceContext(env, req),
        principalOf(req),
        req.params.id,
        req.params.unit,
        choiceOf(req.query.snapshot),
      ),
  );
});
