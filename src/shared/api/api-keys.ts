/** API keys (admins): /api/v1/api-keys. The key itself is shown once, at creation. */
import Type, { type Static } from 'typebox';
import { KEY_ROLES } from '../roles.js';

export const ApiKey = Type.Object({
  id: Type.Integer(),
  /** the first characters of the key, to recognise it */
  prefix: Type.String(),
  role: Type.Enum(KEY_ROLES),
  /** the only assessment the key may touch; null: every assessment */
  assessmentId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ApiKey = Static<typeof ApiKey>;

export const ApiKeyList = Type.Object({ apiKeys: Type.Array(ApiKey) });

export const CreateApiKeyBody = Type.Object(
  {
    role: Type.Enum(KEY_ROLES),
    assessmentId: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;

export const CreatedApiKey = Type.Object({ apiKey: ApiKey, key: Type.String({ description: 'kp_…' }) });

export const ApiKeyIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,12}$' }) });
export type ApiKeyIdParams = Static<typeof ApiKeyIdParams>;
