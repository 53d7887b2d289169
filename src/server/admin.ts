import type { FastifyInstance } from 'fastify';
import type { Governance } from '../policy/index.ts';
import { CAPABILITIES, ROLES, SECTORS } from '../policy/roles.ts';
import { viewerOf } from './auth.ts';
import { ERROR_RESPONSES } from './schemas.ts';
import { AGENCY, ID_PARAM, TOKEN, USER } from './shapes.ts';

const USERNAME_PARAM = { type: 'object', properties: { username: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' } }, required: ['username'] } as const;

/** Agencies, users and API tokens. */
export function registerAdminRoutes(app: FastifyInstance, gov: Governance): void {
  app.get(
    '/agencies',
    { schema: { summary: 'the agencies of this node', tags: ['admin'], response: { 200: { type: 'object', properties: { agencies: { type: 'array', items: AGENCY } } } } } },
    async () => ({ agencies: await gov.identity.listAgencies() }),
  );

  app.post<{ Body: { id: string; name: string; country: string; sector: string; defaultMarking?: string } }>(
    '/agencies',
    {
      config: { capability: 'admin' },
      schema: {
        summary: 'add an agency (administrators of the home agency)',
        tags: ['admin'],
        body: {
          type: 'object',
          properties: {
            id: { type: 'string', maxLength: 63 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            country: { type: 'string', minLength: 2, maxLength: 2 },
            sector: { type: 'string', enum: [...SECTORS] },
            defaultMarking: { type: 'string', maxLength: 500 },
          },
          required: ['id', 'name', 'country', 'sector'],
          additionalProperties: false,
        },
        response: { 201: AGENCY, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => reply.status(201).send(await gov.identity.createAgency(viewerOf(request), request.body)),
  );

  app.get<{ Querystring: { agency?: string } }>(
    '/users',
    {
      config: { capability: 'admin' },
      schema: {
        summary: 'users (of your agency; administrators of the home agency may name any agency)',
        tags: ['admin'],
        querystring: { type: 'object', properties: { agency: { type: 'string', maxLength: 63 } }, additionalProperties: false },
        response: { 200: { type: 'object', properties: { users: { type: 'array', items: USER } } }, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ users: await gov.identity.listUsers(viewerOf(request), request.query.agency) }),
  );

  app.post<{ Body: { username: string; agency?: string; roles: string[]; clearance?: string; displayName?: string } }>(
    '/users',
    {
      config: { capability: 'admin' },
      schema: {
        summary: 'add a user; the answer carries a one-time password they must change at first sign-in',
        tags: ['admin'],
        body: {
          type: 'object',
          properties: {
            username: { type: 'string', maxLength: 64 },
            agency: { type: 'string', maxLength: 63 },
            roles: { type: 'array', items: { type: 'string', enum: [...ROLES] }, minItems: 1 },
            clearance: { type: 'string', maxLength: 32 },
            displayName: { type: 'string', maxLength: 200 },
          },
          required: ['username', 'roles'],
          additionalProperties: false,
        },
        response: { 201: { type: 'object', properties: { user: USER, oneTimePassword: { type: 'string', nullable: true } } }, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => reply.status(201).send(await gov.identity.createUser(viewerOf(request), request.body)),
  );

  app.patch<{ Params: { username: string }; Body: { roles?: string[]; clearance?: string; disabled?: boolean; displayName?: string } }>(
    '/users/:username',
    {
      config: { capability: 'admin' },
      schema: {
        summary: "change a user's roles, clearance, name, or disable them (their sessions end)",
        tags: ['admin'],
        params: USERNAME_PARAM,
        body: {
          type: 'object',
          properties: {
            roles: { type: 'array', items: { type: 'string', enum: [...ROLES] }, minItems: 1 },
            clearance: { type: 'string', maxLength: 32 },
            disabled: { type: 'boolean' },
            displayName: { type: 'string', maxLength: 200 },
          },
          additionalProperties: false,
        },
        response: { 200: USER, ...ERROR_RESPONSES },
      },
    },
    async (request) => gov.identity.updateUser(viewerOf(request), request.params.username, request.body),
  );

  app.post<{ Params: { username: string } }>(
    '/users/:username/password-reset',
    {
      config: { capability: 'admin' },
      schema: {
        summary: "reset a user's password to a one-time password (their sessions end, their lock-out is lifted)",
        tags: ['admin'],
        params: USERNAME_PARAM,
        response: { 200: { type: 'object', properties: { oneTimePassword: { type: 'string' } } }, ...ERROR_RESPONSES },
      },
    },
    async (request) => gov.identity.changePassword(viewerOf(request), request.params.username, {}),
  );

  app.get<{ Querystring: { username?: string } }>(
    '/tokens',
    {
      schema: {
        summary: "your API tokens (administrators: another user's)",
        tags: ['admin'],
        querystring: { type: 'object', properties: { username: { type: 'string', maxLength: 64 } }, additionalProperties: false },
        response: { 200: { type: 'object', properties: { tokens: { type: 'array', items: TOKEN } } }, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ tokens: await gov.identity.listTokens(viewerOf(request), request.query.username) }),
  );

  app.post<{ Body: { name: string; scopes: string[]; expiresInDays?: number } }>(
    '/tokens',
    {
      schema: {
        summary: 'issue yourself an API token, scoped to permissions you have; shown once, only its hash is kept',
        tags: ['admin'],
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            scopes: { type: 'array', items: { type: 'string', enum: [...CAPABILITIES] }, minItems: 1 },
            expiresInDays: { type: 'integer', minimum: 1, maximum: 3650 },
          },
          required: ['name', 'scopes'],
          additionalProperties: false,
        },
        response: { 201: { type: 'object', properties: { token: { type: 'string' }, info: TOKEN } }, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => reply.status(201).send(await gov.identity.createToken(viewerOf(request), request.body)),
  );

  app.delete<{ Params: { id: string } }>(
    '/tokens/:id',
    {
      schema: { summary: 'revoke an API token', tags: ['admin'], params: ID_PARAM, response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } }, ...ERROR_RESPONSES } },
    },
    async (request) => {
      await gov.identity.revokeToken(viewerOf(request), request.params.id);
      return { ok: true };
    },
  );
}
