/** The audit log: GET /api/v1/audit, newest first, filtered and paged. */
import Type, { type Static } from 'typebox';

const instant = (description: string) =>
  Type.String({
    format: 'date-time',
    description: `${description}: an ISO 8601 instant, e.g. 2026-03-01T00:00:00+08:00`,
  });

export const AuditQuery = Type.Object(
  {
    assessment: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'e.g. config.update' })),
    from: Type.Optional(instant('entries at or after it')),
    to: Type.Optional(instant('entries before it')),
    offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'default 0' })),
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: '1–500, default 100' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ description: 'ISO 8601 instant (UTC)' }),
  actor: Type.String(),
  action: Type.String(),
  assessmentId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Unknown({ description: 'what was done: for config.update, changes with before and after' }),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntry),
  total: Type.Integer({ description: 'entries that pass the filters, all pages' }),
  offset: Type.Integer(),
  limit: Type.Integer(),
});
export type AuditPage = Static<typeof AuditPage>;
