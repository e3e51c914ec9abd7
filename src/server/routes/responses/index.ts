/**
 * Survey submissions (SPEC §4.7): one response as JSON, stored durably and idempotently by the
 * submissions service (its group-commit writer lives as long as the app; app.close() writes
 * what is queued). The body must be UTF-8: a body in another encoding is refused (400) rather
 * than stored with U+FFFD in place of its characters.
 */
import { isUtf8 } from 'node:buffer';
import { createSubmissions } from '../../../services/submissions/submissions.js';
import { problems } from '../../../shared/api/problem.js';
import {
  ResponseSubmission,
  SubmissionHeaders,
  SubmissionParams,
  SubmissionReceipt,
} from '../../../shared/api/responses.js';
import { KpError } from '../../../shared/errors.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

export const responseRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  const submissions = createSubmissions(env.handle, env.now);
  app.addHook('onClose', () => submissions.close());

  // JSON only, with this plugin's own parser (encapsulated: other routes keep the defaults);
  // any other content type is a 415
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(new KpError('KP_MALFORMED_BODY', 'the body is not valid UTF-8'), undefined);
      return;
    }
    void parseJson(req, bytes.toString('utf8'), done);
  });

  app.post(
    '/api/v1/assessments/:id/responses',
    {
      config: { policy: 'responses.create' },
      schema: {
        tags: ['responses'],
        summary: 'Submit one survey response; 201 once durably stored, 200 for a repeat of a stored one',
        params: SubmissionParams,
        headers: SubmissionHeaders,
        body: ResponseSubmission,
        response: {
          200: SubmissionReceipt,
          201: SubmissionReceipt,
          ...problems(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (req, reply) => {
      const { status, receipt } = await submissions.submit({
        assessmentId: req.params.id,
        actor: serviceContext(env, req).actor,
        idempotencyKey: req.headers['idempotency-key'],
        body: req.body,
      });
      return reply.code(status).send(receipt);
    },
  );
});
