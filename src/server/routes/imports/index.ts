/**
 * 数据导入 from the console: POST …/imports/{responses|cases|scores}?filename=… with the file
 * itself as the body (no multipart, as for the agencies), up to 100 MiB; answers 202 with the
 * import job, which the runner of any server then carries out (services/jobs/import-job.ts).
 */
import { startImport } from '../../../services/jobs/jobs.js';
import { uploadName } from '../../../services/import/upload.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AssessmentParams } from '../../../shared/api/assessments.js';
import {
  IMPORT_LIMIT_BYTES,
  ImportQuery,
  Job,
  StaffImportParams,
  type ImportWhat,
} from '../../../shared/api/jobs.js';
import { problems } from '../../../shared/api/problem.js';
import { UPLOAD_MEDIA_TYPES } from '../../../shared/api/units.js';
import { KpError } from '../../../shared/errors.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

export const importRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  // the file's bytes, whatever its media type says; nothing else is a body here (415)
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    [...UPLOAD_MEDIA_TYPES],
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );

  const upload = async (
    req: FastifyRequest<{ Params: { id: string }; Querystring: { filename: string } }>,
    reply: FastifyReply,
    what: ImportWhat,
  ) => {
    const bytes = req.body;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0)
      throw new KpError('KP_BAD_REQUEST', 'send the file itself as the request body (.csv or .xlsx)');
    const name = uploadName(req.query.filename);
    if (!/\.(csv|xlsx)$/i.test(name))
      throw new KpError('KP_BAD_REQUEST', `${name}: expected a .csv or .xlsx file`);
    const job = await startImport(serviceContext(env, req), req.params.id, what, name, bytes);
    return reply.code(202).send(job);
  };
  const response = { 202: Job, ...problems(400, 401, 403, 404, 413, 415, 422) };

  // phone cases on their own route, so that the policy can let supervisors in (a static
  // segment wins over the :what parameter below)
  app.post(
    '/api/v1/assessments/:id/imports/cases',
    {
      config: { policy: 'imports.cases' },
      bodyLimit: IMPORT_LIMIT_BYTES,
      schema: {
        tags: ['jobs'],
        summary:
          'Import the phone sample (SPEC §4.4) from the raw .csv/.xlsx body as a background job (all or nothing, as `kaoping import cases`); supervisors too',
        params: AssessmentParams,
        querystring: ImportQuery,
        response,
      },
    },
    async (req, reply) => upload(req, reply, 'cases'),
  );

  app.post(
    '/api/v1/assessments/:id/imports/:what',
    {
      config: { policy: 'imports.start' },
      bodyLimit: IMPORT_LIMIT_BYTES,
      schema: {
        tags: ['jobs'],
        summary:
          'Import responses or scores from the raw .csv/.xlsx body as a background job (all or nothing, as `kaoping import`)',
        params: StaffImportParams,
        querystring: ImportQuery,
        response,
      },
    },
    async (req, reply) => upload(req, reply, req.params.what),
  );
});
