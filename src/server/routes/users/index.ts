/** User administration (admins, signed in): list, create, reset a password, disable. */
import { createUser, disableUser, listUsers, resetPassword } from '../../../services/accounts/user-admin.js';
import { problems } from '../../../shared/api/problem.js';
import {
  CreateUserBody,
  User,
  UserList,
  UserNameParams,
  UserWithPassword,
} from '../../../shared/api/users.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

export const userRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  app.get(
    '/api/v1/users',
    {
      config: { policy: 'users.list' },
      schema: { tags: ['users'], response: { 200: UserList, ...problems(401, 403) } },
    },
    async () => ({ users: await listUsers(env) }),
  );

  app.post(
    '/api/v1/users',
    {
      config: { policy: 'users.create' },
      schema: {
        tags: ['users'],
        summary: 'Create a user; answers its one-time password, shown once',
        body: CreateUserBody,
        response: { 201: UserWithPassword, ...problems(400, 401, 403, 409, 415, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await createUser(serviceContext(env, req), req.body)),
  );

  app.post(
    '/api/v1/users/:name/password-reset',
    {
      config: { policy: 'users.reset-password' },
      schema: {
        tags: ['users'],
        summary: 'A new one-time password; the user is signed out everywhere',
        params: UserNameParams,
        response: { 200: UserWithPassword, ...problems(401, 403, 404) },
      },
    },
    async (req) => resetPassword(serviceContext(env, req), req.params.name),
  );

  app.post(
    '/api/v1/users/:name/disable',
    {
      config: { policy: 'users.disable' },
      schema: {
        tags: ['users'],
        summary: 'Disable the account: no sign-in, its sessions end',
        params: UserNameParams,
        response: { 200: User, ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => disableUser(serviceContext(env, req), req.params.name),
  );
});
