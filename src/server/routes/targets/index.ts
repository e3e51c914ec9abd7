/**
 * 绩效目标 routes: the sheet with live actuals and self-evaluation, its replacement, the
 * expenditures, hand judgements and the files (the form as xlsx/docx/json, the 绩效自评表 as
 * xlsx/docx). The office and the evaluation firm (admin, analyst) only.
 */
import Type from 'typebox';
import { AssessmentParams } from '../../../shared/api/assessments.js';
import { problems } from '../../../shared/api/problem.js';
import {
  AnyBody,
  ExpenditureParams,
  JudgementBody,
  JudgementParams,
  TargetFileParams,
  TargetsResponseSchema,
  type TargetsResponse,
} from '../../../shared/api/targets.js';
import { evaluationBytes, sheetBytes } from '../../../services/targets/files.js';
import {
  judgeIndicator,
  recordExpenditure,
  removeExpenditure,
  saveSheet,
  targetsView,
} from '../../../services/targets/targets.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

const tags = ['targets'];
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
};
export const targetRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  const view = async (ctx: Parameters<typeof targetsView>[0], id: string): Promise<TargetsResponse> =>
    targetsView(ctx, id);

  app.get(
    '/api/v1/assessments/:id/targets',
    {
      config: { policy: 'targets.get' },
      schema: {
        tags,
        summary:
          'The target sheet, its live actuals (latest results snapshot, expenditures) and the self-evaluation',
        params: AssessmentParams,
        response: { 200: TargetsResponseSchema, ...problems(401, 403, 404) },
      },
    },
    async (req) => view(serviceContext(env, req), req.params.id),
  );

  app.put(
    '/api/v1/assessments/:id/targets',
    {
      config: { policy: 'targets.put' },
      schema: {
        tags,
        summary:
          'Replace the target sheet (SPEC §4.8 JSON); its expenditures are replaced only when the body has an "expenditures" key',
        params: AssessmentParams,
        body: AnyBody,
        response: { 200: TargetsResponseSchema, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      const ctx = serviceContext(env, req);
      const body = req.body;
      const withExpenditures = typeof body === 'object' && body !== null && 'expenditures' in body;
      await saveSheet(ctx, req.params.id, body, 'request body', withExpenditures);
      return view(ctx, req.params.id);
    },
  );

  app.post(
    '/api/v1/assessments/:id/targets/expenditures',
    {
      config: { policy: 'targets.expenditures.add' },
      schema: {
        tags,
        summary: 'Record an expenditure {date, subProject, amount, note} against a sub-project',
        params: AssessmentParams,
        body: AnyBody,
        response: { 201: TargetsResponseSchema, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const ctx = serviceContext(env, req);
      await recordExpenditure(ctx, req.params.id, req.body);
      return reply.code(201).send(await view(ctx, req.params.id));
    },
  );

  app.delete(
    '/api/v1/assessments/:id/targets/expenditures/:eid',
    {
      config: { policy: 'targets.expenditures.delete' },
      schema: {
        tags,
        summary: 'Delete an expenditure (audited)',
        params: ExpenditureParams,
        response: { 200: TargetsResponseSchema, ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      const ctx = serviceContext(env, req);
      await removeExpenditure(ctx, req.params.id, Number(req.params.eid));
      return view(ctx, req.params.id);
    },
  );

  app.put(
    '/api/v1/assessments/:id/targets/judgements/:indicator',
    {
      config: { policy: 'targets.judgement' },
      schema: {
        tags,
        summary:
          'Judge an indicator by hand: met or not, the share 0..1 of its points, a written reason (qualitative), or a hand actual',
        params: JudgementParams,
        body: JudgementBody,
        response: { 200: TargetsResponseSchema, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      const ctx = serviceContext(env, req);
      await judgeIndicator(ctx, req.params.id, req.params.indicator, req.body);
      return view(ctx, req.params.id);
    },
  );

  app.get(
    '/api/v1/assessments/:id/targets/files/:name',
    {
      config: { policy: 'targets.file' },
      schema: {
        tags,
        summary:
          'The declaration form (form.xlsx, form.docx, form.json) or the 绩效自评表 (self-evaluation.xlsx, .docx)',
        params: TargetFileParams,
        response: {
          200: {
            description: 'the file',
            content: Object.fromEntries(Object.values(TYPES).map((t) => [t, { schema: Binary }])),
          },
          ...problems(401, 403, 404),
        },
      },
    },
    async (req, reply) => {
      const ctx = serviceContext(env, req);
      const { id, name } = req.params;
      const [base, ext] = name.split('.') as [string, 'xlsx' | 'docx' | 'json'];
      const bytes =
        base === 'form'
          ? await sheetBytes(ctx, id, ext)
          : await evaluationBytes(ctx, id, ext as 'xlsx' | 'docx');
      const label = base === 'form' ? '绩效目标申报表' : '绩效自评表';
      return reply
        .type(TYPES[ext]!)
        .header(
          'content-disposition',
          `attachment; filename="${id}-${name}"; filename*=UTF-8''${encodeURIComponent(`${id}-${label}.${ext}`)}`,
        )
        .send(bytes);
    },
  );
});
