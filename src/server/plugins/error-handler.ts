/**
 * The one error handler: every error, and every unknown route, answers application/problem+json
 * from the error catalog (shared/errors.ts). Expected failures keep their code; Fastify's own
 * request errors map through FASTIFY_ERRORS; schema violations become 422 naming the field;
 * anything else is a bug: logged in full, answered as a bare 500 (fastify/demo's handler is
 * the model).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KpError, type ErrorCode } from '../../shared/errors.js';

/** Fastify's request-level error codes, as catalog codes. */
const FASTIFY_ERRORS: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'KP_MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'KP_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'KP_MALFORMED_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'KP_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'KP_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'KP_UNSUPPORTED_MEDIA_TYPE',
};

/** Other 4xx statuses Fastify or a plugin may raise, by status. */
const BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  401: 'KP_UNAUTHENTICATED',
  403: 'KP_FORBIDDEN',
  404: 'KP_NOT_FOUND',
  413: 'KP_PAYLOAD_TOO_LARGE',
  415: 'KP_UNSUPPORTED_MEDIA_TYPE',
  429: 'KP_RATE_LIMITED',
};

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `/answers/0/value` → `answers.0.value`; a missing or unknown property is named too. */
export function fieldOf(e: AjvError): string {
  const parts = e.instancePath.split('/').filter((p) => p !== '');
  const named = e.params.missingProperty ?? e.params.additionalProperty;
  if (typeof named === 'string') parts.push(named);
  return parts.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

function validationProblem(err: FastifyError): KpError {
  const first = (err.validation ?? [])[0] as AjvError | undefined;
  const where = err.validationContext ?? 'body';
  if (!first) return new KpError('KP_VALIDATION', `${where}: ${err.message}`);
  const field = fieldOf(first);
  const what =
    first.keyword === 'additionalProperties'
      ? 'unknown field'
      : first.keyword === 'required'
        ? 'required field missing'
        : (first.message ?? 'invalid');
  const part = where === 'body' ? '' : ` (in the ${where})`;
  return new KpError('KP_VALIDATION', {
    field: field === '' ? undefined : field,
    why: field === '' ? `${where}: ${what}` : `${what}${part}`,
  });
}

/** Any thrown value as the KpError the client sees; undefined for a bug. */
function toKpError(err: unknown): KpError | undefined {
  if (err instanceof KpError) return err;
  const fe = err as Partial<FastifyError>;
  if (fe.validation) return validationProblem(fe as FastifyError);
  const mapped = fe.code === undefined ? undefined : FASTIFY_ERRORS[fe.code];
  if (mapped) return new KpError(mapped, fe.message ?? mapped);
  const status = fe.statusCode;
  if (status !== undefined && status >= 400 && status < 500)
    return new KpError(BY_STATUS[status] ?? 'KP_BAD_REQUEST', fe.message ?? 'bad request');
  return undefined;
}

/** Sends a problem; the body is serialised here, so no route's response schema reshapes it. */
export function sendProblem(reply: FastifyReply, req: FastifyRequest, e: KpError): FastifyReply {
  if (e.fields.retryAfter !== undefined) void reply.header('retry-after', String(e.fields.retryAfter));
  return reply
    .code(e.status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(e.toProblem(req.url.split('?')[0])));
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const known = toKpError(err);
    if (known && known.status < 500) return sendProblem(reply, req, known);
    // A bug (or a 5xx): the log gets everything, the client a bare 500.
    req.log.error({ err }, 'unexpected error');
    return sendProblem(reply, req, new KpError('KP_INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(
      reply,
      req,
      new KpError('KP_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]} (see /api/docs)`),
    ),
  );
}
