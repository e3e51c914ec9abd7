/**
 * 数据导入 from the console: POST …/imports/{responses|cases|scores}?filename=… with the file
 * itself as the body (no multipart, as for the agencies), up to 100 MiB; answers 202 with the
 * import job, which the runner of any server then carries out (services/jobs/import-job.ts).
 */
import { startImport } from '../../../services/jobs/jobs.js';
import { uploadName } from '../../../services/import/upload.js';
import { IMPORT_LIMIT_BYTES, ImportParams, ImportQuery, Job } from '../../../shared/api/jobs.js';
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

  app.post(
    '/api/v1/assessments/:id/imports/:what',
    {
      config: { policy: 'imports.start' },
      bodyLimit: IMPORT_LIMIT_BYTES,
      schema: {
        tags: ['jobs'],
        summary:
          'Import responses, phone cases or scores from the raw .csv/.xlsx body as a background job (all or nothing, as `kaoping import`)',
        params: ImportParams,
        querystring: ImportQuery,
        response: { 202: Job, ...problems(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      const bytes = req.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0)
        throw new KpError('KP_BAD_REQUEST', 'send the file itself as the request body (.csv or .xlsx)');
      const name = uploadName(req.query.filename);
      if (!/\.(csv|xlsx)$/i.test(name))
        throw new KpError('KP_BAD_REQUEST', `${name}: expected a .csv or .xlsx file`);
      const job = await startImport(serviceContext(env, req), req.params.id, req.params.what, name, bytes);
      return reply.code(202).send(job);
    },
  );
});
