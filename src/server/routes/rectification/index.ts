/**
 * Rectification (整改): the office's list, suggestions, items and reviews under
 * /api/v1/assessments/:id/rectification, and the agency's own items and answers under
 * /api/v1/assessments/:id/units/:unit/rectification (its own agency only, after publication).
 * The services check the status machine and audit every change.
 */
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../services/accounts/principal.js';
import {
  answerItem,
  createItems,
  deleteItem,
  editItem,
  listItems,
  listUnitItems,
  reviewItem,
} from '../../../services/rectification/items.js';
import { suggestItems } from '../../../services/rectification/suggest.js';
import { AssessmentParams, UnitParams } from '../../../shared/api/assessments.js';
import { problems } from '../../../shared/api/problem.js';
import {
  AnswerBody,
  CreatedRectification,
  CreateRectificationBody,
  EditRectificationBody,
  RectificationItem,
  RectificationItemParams,
  RectificationList,
  ReviewBody,
  SuggestionList,
  SuggestQuery,
  UnitRectificationItemParams,
} from '../../../shared/api/rectification.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

const tags = ['rectification'];
const NO_CONTENT = { type: 'null', description: 'no content' } as const;

function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('signed-in route reached anonymously (policy bug)');
  return req.principal;
}
const optInt = (s: string | undefined) => (s === undefined ? undefined : Number(s));

export const rectificationRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  const base = '/api/v1/assessments/:id/rectification';
  app.get(
    base,
    {
      config: { policy: 'rectification.list' },
      schema: {
        tags,
        summary: 'Every rectification item of an assessment and the counts per status of every agency',
        params: AssessmentParams,
        response: { 200: RectificationList, ...problems(401, 403, 404) },
      },
    },
    async (req) => listItems(serviceContext(env, req), req.params.id),
  );

  app.get(
    `${base}/suggestions`,
    {
      config: { policy: 'rectification.suggest' },
      schema: {
        tags,
        summary:
          'Suggested items from the published snapshot (the newest before publication): weakest items against the all-agency mean, items below the satisfied line, top comment keywords. Stores nothing',
        params: AssessmentParams,
        querystring: SuggestQuery,
        response: { 200: SuggestionList, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) =>
      suggestItems(serviceContext(env, req), req.params.id, {
        weakest: optInt(req.query.weakest),
        keywords: optInt(req.query.keywords),
        unit: req.query.unit,
      }),
  );

  app.post(
    base,
    {
      config: { policy: 'rectification.create' },
      schema: {
        tags,
        summary: 'Create items (status open 待反馈), all or none; each is audited',
        params: AssessmentParams,
        body: CreateRectificationBody,
        response: { 201: CreatedRectification, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createItems(serviceContext(env, req), req.params.id, req.body)),
  );

  app.put(
    `${base}/:rid`,
    {
      config: { policy: 'rectification.update' },
      schema: {
        tags,
        summary: 'Edit the title or basis of an item not yet accepted',
        params: RectificationItemParams,
        body: EditRectificationBody,
        response: { 200: RectificationItem, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      editItem(serviceContext(env, req), principalOf(req), req.params.id, Number(req.params.rid), req.body),
  );

  app.delete(
    `${base}/:rid`,
    {
      config: { policy: 'rectification.delete' },
      schema: {
        tags,
        summary: 'Delete an item not yet accepted (audited with the item as it was)',
        params: RectificationItemParams,
        response: { 204: NO_CONTENT, ...problems(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await deleteItem(serviceContext(env, req), principalOf(req), req.params.id, Number(req.params.rid));
      return reply.code(204).send(null);
    },
  );

  for (const decision of ['accept', 'return'] as const)
    app.post(
      `${base}/:rid/${decision}`,
      {
        config: { policy: decision === 'accept' ? 'rectification.accept' : 'rectification.return' },
        schema: {
          tags,
          summary:
            decision === 'accept'
              ? 'Accept an answered item (已通过), with an optional note'
              : 'Return an answered item (退回) with a note saying what is missing',
          params: RectificationItemParams,
          body: ReviewBody,
          response: { 200: RectificationItem, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req) =>
        reviewItem(
          serviceContext(env, req),
          principalOf(req),
          req.params.id,
          Number(req.params.rid),
          decision,
          req.body,
        ),
    );

  app.get(
    '/api/v1/assessments/:id/units/:unit/rectification',
    {
      config: { policy: 'rectification.unit' },
      schema: {
        tags,
        summary: "One agency's items: any for the office; its own, once published, for its viewer",
        params: UnitParams,
        response: { 200: RectificationList, ...problems(401, 403, 404) },
      },
    },
    async (req) => listUnitItems(serviceContext(env, req), principalOf(req), req.params.id, req.params.unit),
  );

  app.post(
    '/api/v1/assessments/:id/units/:unit/rectification/:rid/answer',
    {
      config: { policy: 'rectification.answer' },
      schema: {
        tags,
        summary: "The agency's answer: its measures and a due date (YYYY-MM-DD); again after a return",
        params: UnitRectificationItemParams,
        body: AnswerBody,
        response: { 200: RectificationItem, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      answerItem(
        serviceContext(env, req),
        principalOf(req),
        req.params.id,
        req.params.unit,
        Number(req.params.rid),
        req.body,
      ),
  );
});
