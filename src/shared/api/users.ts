/** User administration (admins): /api/v1/users. */
import Type, { type Static } from 'typebox';
import { RoleSchema } from './session.js';

export const User = Type.Object({
  name: Type.String(),
  role: RoleSchema,
  unitCode: Type.Union([Type.String(), Type.Null()]),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type User = Static<typeof User>;

export const UserList = Type.Object({ users: Type.Array(User) });

export const CreateUserBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 64 }),
    role: RoleSchema,
    /** required for an agency viewer, refused for anyone else */
    unitCode: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

/** A user and a one-time password, shown once; it must be changed at the first sign-in. */
export const UserWithPassword = Type.Object({ user: User, oneTimePassword: Type.String() });

export const UserNameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) });
export type UserNameParams = Static<typeof UserNameParams>;
