/**
 * The RFC 9457 problem details body every error answers with (application/problem+json), built
 * from the error catalog (shared/errors.ts). Extension members name where the problem is.
 */
import Type, { type Static } from 'typebox';
import { ERROR_CATALOG } from '../errors.js';

export const Problem = Type.Object(
  {
    type: Type.String({ description: 'urn:kaoping:error:<code>' }),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.Enum(Object.keys(ERROR_CATALOG)),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    field: Type.Optional(Type.String({ description: 'the request field, e.g. answers.0.value' })),
    file: Type.Optional(Type.String()),
    line: Type.Optional(Type.Integer()),
    column: Type.Optional(Type.String()),
    table: Type.Optional(Type.String()),
    retryAfter: Type.Optional(Type.Integer({ description: 'seconds, also in Retry-After' })),
  },
  { description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof Problem>;

/** A problem response as Fastify and OpenAPI see it: served as application/problem+json. */
export const ProblemResponse = {
  description: 'RFC 9457 problem details',
  content: { 'application/problem+json': { schema: Problem } },
} as const;

/** The error responses a route documents: `{ 401: ProblemResponse, 403: ProblemResponse, … }`. */
export function problems<const S extends readonly number[]>(
  ...statuses: S
): { [K in S[number]]: typeof ProblemResponse } {
  return Object.fromEntries(statuses.map((s) => [s, ProblemResponse])) as {
    [K in S[number]]: typeof ProblemResponse;
  };
}
