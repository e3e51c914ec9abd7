/** Sign-in, the current session and the own-password change (POST/GET/DELETE /api/v1/session). */
import Type, { type Static } from 'typebox';
import { ROLES } from '../roles.js';

export const RoleSchema = Type.Enum(ROLES);

export const SignInBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const SessionInfo = Type.Object({
  user: Type.Object({
    name: Type.String(),
    role: RoleSchema,
    unitCode: Type.Union([Type.String(), Type.Null()]),
  }),
  mustChangePassword: Type.Boolean(),
  /** repeat it in X-CSRF-Token on every POST, PUT, PATCH and DELETE */
  csrfToken: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 10, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
