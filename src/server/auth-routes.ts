import type { FastifyInstance } from 'fastify';
import type { Governance } from '../policy/index.ts';
import { clearSessionCookie, setSessionCookie, viewerOf } from './auth.ts';
import { USER } from './shapes.ts';

/** Sign in and out, who am I, change my password. */
export function registerAuthRoutes(app: FastifyInstance, gov: Governance): void {
  const secure = gov.config.auth.secureCookies;

  app.post<{ Body: { username: string; password: string } }>(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        summary: 'sign in: sets the httpOnly session cookie and returns the CSRF token that changing requests must send in X-CSRF-Token',
        tags: ['auth'],
        body: {
          type: 'object',
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
          required: ['username', 'password'],
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { user: USER, csrfToken: { type: 'string' }, expiresAt: { type: 'string' } } },
          401: { $ref: 'Error#' },
          429: { $ref: 'Error#' },
        },
      },
    },
    async (request, reply) => {
      const s = await gov.identity.login(request.body.username, request.body.password, request.ip);
      setSessionCookie(reply, s.sessionId, s.expiresAt, secure);
      return { user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { passwordChange: true },
      schema: { summary: 'end the browser session', tags: ['auth'], response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } },
    },
    async (request, reply) => {
      if (request.sessionId) await gov.identity.logout(request.sessionId, viewerOf(request));
      clearSessionCookie(reply, secure);
      return { ok: true };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { passwordChange: true },
      schema: {
        summary: 'the signed-in user: agency, roles, permissions, clearance and the purpose declared for this request',
        tags: ['auth'],
        response: {
          200: {
            type: 'object',
            properties: {
              username: { type: 'string' },
              agency: { type: 'string' },
              roles: { type: 'array', items: { type: 'string' } },
              capabilities: { type: 'array', items: { type: 'string' } },
              clearance: { type: 'string' },
              purpose: { type: 'string' },
              via: { type: 'string' },
              mustChangePassword: { type: 'boolean' },
            },
          },
        },
      },
    },
    async (request) => {
      const v = viewerOf(request);
      return {
        username: v.username,
        agency: v.agencyId,
        roles: v.roles,
        capabilities: [...v.capabilities].sort(),
        clearance: v.clearance,
        purpose: v.purpose,
        via: v.via,
        mustChangePassword: v.mustChangePassword === true,
      };
    },
  );

  app.post<{ Body: { current: string; next: string } }>(
    '/auth/password',
    {
      config: { passwordChange: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        summary: 'change your own password (the current one is needed)',
        tags: ['auth'],
        body: {
          type: 'object',
          properties: { current: { type: 'string', minLength: 1, maxLength: 1024 }, next: { type: 'string', minLength: 1, maxLength: 1024 } },
          required: ['current', 'next'],
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } }, 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' } },
      },
    },
    async (request) => {
      const v = viewerOf(request);
      await gov.identity.changePassword(v, v.username, request.body);
      return { ok: true };
    },
  );
}
