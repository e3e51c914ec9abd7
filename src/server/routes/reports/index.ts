/**
 * Word reports: generate them as a job (progress on the events stream), list the stored files,
 * download one, or all of them as a zip (staff). An agency viewer lists and downloads its own
 * agency's .docx once its snapshot is published (services/reports/downloads.ts).
 */
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Principal } from '../../../services/accounts/principal.js';
import { startReports } from '../../../services/jobs/jobs.js';
import { reportFile, reportFiles, reportsZip } from '../../../services/reports/downloads.js';
import { findSoffice } from '../../../services/reports/pdf.js';
import { AssessmentParams } from '../../../shared/api/assessments.js';
import { Job } from '../../../shared/api/jobs.js';
import { problems } from '../../../shared/api/problem.js';
import { ReportFileList, ReportFileParams, ReportRequest } from '../../../shared/api/reports.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

const tags = ['reports'];

function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('signed-in route reached anonymously (policy bug)');
  return req.principal;
}
/** a file's bytes (a Buffer is sent as is, never serialised) */
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const reportRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  app.post(
    '/api/v1/assessments/:id/reports',
    {
      config: { policy: 'reports.start' },
      schema: {
        tags,
        summary: 'Generate the Word reports (one per agency and the overall one) as a background job',
        params: AssessmentParams,
        body: ReportRequest,
        response: { 202: Job, ...problems(400, 401, 403, 404, 415, 422) },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await startReports(serviceContext(env, req), req.params.id, req.body ?? {})),
  );

  app.get(
    '/api/v1/assessments/:id/reports',
    {
      config: { policy: 'reports.list' },
      schema: {
        tags,
        params: AssessmentParams,
        response: { 200: ReportFileList, ...problems(401, 403, 404) },
      },
    },
    async (req) => ({
      files: await reportFiles(env, req.params.id, principalOf(req)),
      pdfAvailable: findSoffice() !== null,
    }),
  );

  app.get(
    '/api/v1/assessments/:id/reports.zip',
    {
      config: { policy: 'reports.zip' },
      schema: {
        tags,
        summary: 'Every generated report file as one zip',
        params: AssessmentParams,
        response: {
          200: { description: 'a zip archive', content: { 'application/zip': { schema: Binary } } },
          ...problems(401, 403, 404),
        },
      },
    },
    async (req, reply) =>
      reply
        .type('application/zip')
        .header('content-disposition', attachment(`reports-${req.params.id}.zip`))
        .send(await reportsZip(env, req.params.id)),
  );

  app.get(
    '/api/v1/assessments/:id/reports/:file',
    {
      config: { policy: 'reports.file' },
      schema: {
        tags,
        summary: 'One generated report file (.docx or .pdf)',
        params: ReportFileParams,
        response: {
          200: {
            description: 'the file',
            content: { [TYPES.docx]: { schema: Binary }, [TYPES.pdf]: { schema: Binary } },
          },
          ...problems(401, 403, 404, 422),
        },
      },
    },
    async (req, reply) => {
      const f = await reportFile(env, req.params.id, Number(req.params.file), principalOf(req));
      return reply.type(TYPES[f.kind]).header('content-disposition', attachment(f.fileName)).send(f.data);
    },
  );
});
