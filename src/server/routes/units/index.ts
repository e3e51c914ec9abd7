/**
 * The agencies of an assessment for the set-up pages: the list, the import (a dry run that
 * previews the file and names every problem, and the real import, all or nothing and audited)
 * and the template workbook. The import's body is the file itself (no multipart): its bytes
 * as sent, up to 10 MiB, with the file name in the query (.csv or .xlsx decides the reader).
 */
import Type from 'typebox';
import { importUnitsReport, unitsOf } from '../../../services/import/units.js';
import { unitsTemplate } from '../../../services/import/units-template.js';
import { withUploadedFile } from '../../../services/import/upload.js';
import { AssessmentParams } from '../../../shared/api/assessments.js';
import { problems } from '../../../shared/api/problem.js';
import {
  UnitImportQuery,
  UnitImportReport,
  UnitList,
  UPLOAD_LIMIT_BYTES,
  UPLOAD_MEDIA_TYPES,
} from '../../../shared/api/units.js';
import { KpError } from '../../../shared/errors.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

const tags = ['set-up'];
/** a workbook's bytes (a Buffer is sent as is, never serialised) */
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEMPLATE_NAME = '被考核单位导入模板.xlsx';

export const unitRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  // the file's bytes, whatever its media type says; nothing else is a body here (415)
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    [...UPLOAD_MEDIA_TYPES],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/v1/assessments/:id/units',
    {
      config: { policy: 'units.list' },
      schema: {
        tags,
        summary: 'The agencies of an assessment, in their stored order',
        params: AssessmentParams,
        response: { 200: UnitList, ...problems(401, 403, 404) },
      },
    },
    async (req) => ({ units: await unitsOf(serviceContext(env, req), req.params.id) }),
  );

  app.post(
    '/api/v1/assessments/:id/units/import',
    {
      config: { policy: 'units.import' },
      bodyLimit: UPLOAD_LIMIT_BYTES,
      schema: {
        tags,
        summary:
          'Import agencies from the raw .csv/.xlsx body: dryRun=true lists every problem and the rows it would store, storing nothing; otherwise all or nothing (422 at the first problem)',
        params: AssessmentParams,
        querystring: UnitImportQuery,
        response: { 200: UnitImportReport, ...problems(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (req) => {
      const bytes = req.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0)
        throw new KpError('KP_BAD_REQUEST', 'send the file itself as the request body (.csv or .xlsx)');
      const ctx = serviceContext(env, req);
      const dryRun = req.query.dryRun === 'true';
      return withUploadedFile(bytes, req.query.filename, (source) =>
        importUnitsReport(ctx, req.params.id, source, { dryRun }),
      );
    },
  );

  app.get(
    '/api/v1/units-template.xlsx',
    {
      config: { policy: 'units.template' },
      schema: {
        tags,
        summary: 'The agencies template: 单位编码, 单位名称, 类别, 是否有窗口 and one example row',
        response: {
          200: { description: 'an XLSX workbook', content: { [XLSX]: { schema: Binary } } },
          ...problems(401, 403),
        },
      },
    },
    async (_req, reply) =>
      reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="units-template.xlsx"; filename*=UTF-8''${encodeURIComponent(TEMPLATE_NAME)}`,
        )
        .send(await unitsTemplate()),
  );
});
