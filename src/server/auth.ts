import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SextantError } from '../errors.ts';
import type { Governance } from '../policy/index.ts';
import type { Capability } from '../policy/roles.ts';
import { requireCapability, type Viewer } from '../policy/viewer.ts';
import type { ChangeCounts } from '../store/changes.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in (health, docs, login). */
    public?: boolean;
    /** The permission the route needs; checked before anything is looked up. */
    capability?: Capability;
    /** Reachable by a session that must first change its password. */
    passwordChange?: boolean;
  }
  interface FastifyRequest {
    viewer: Viewer | null;
    /** Session cookie value, when the request came with one. */
    sessionId: string | null;
    /**
     * The store's change counts as read when an API token was checked: routes
     * that pass them on (gov.scope, screening) reuse what is cached while they
     * stand. Null for sessions and public routes, which read afresh.
     */
    changes: ChangeCounts | null;
  }
}

export const SESSION_COOKIE = 'sextant_session';
export const CSRF_HEADER = 'x-csrf-token';
export const PURPOSE_HEADER = 'x-sextant-purpose';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication for every route that is not marked public: an API token
 * (`Authorization: Bearer sxt_…`) or a browser session cookie (httpOnly,
 * SameSite=Strict) whose unsafe requests must echo the session's CSRF token in
 * `X-CSRF-Token`. The declared purpose comes from `X-Sextant-Purpose`. The
 * route's permission is checked here, before the handler looks anything up,
 * so a refusal says nothing about whether the thing asked for exists.
 */
export async function registerAuth(app: FastifyInstance, gov: Governance): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('viewer', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('changes', null);

  // onRequest: before the body is even read, so that no unauthenticated request costs a parse.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const config = request.routeOptions.config;
    if (config?.public || request.is404) return;
    request.viewer = await authenticate(request, gov);
    if (request.viewer.mustChangePassword && !config?.passwordChange) {
      throw new SextantError('forbidden', 'change your one-time password first (POST /auth/password)', { passwordChange: true });
    }
    if (config?.capability) requireCapability(request.viewer, config.capability);
  });
}

async function authenticate(request: FastifyRequest, gov: Governance): Promise<Viewer> {
  const purpose = headerValue(request, PURPOSE_HEADER) ?? gov.config.defaultPurpose;
  const auth = headerValue(request, 'authorization');
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    // One small query that tells every cache of this request whether it still holds (see store/changes.ts).
    if (m) request.changes = await gov.store.changes.read();
    const resolved = m ? await gov.identity.resolveToken(m[1]!, request.changes ?? undefined) : null;
    if (!resolved) throw new SextantError('unauthorized', 'the API token is unknown, expired or revoked');
    return gov.identity.viewerOf(resolved.user, purpose, 'token', resolved.scopes, resolved.agency);
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  if (sessionId) {
    const session = await gov.identity.resolveSession(sessionId);
    if (!session) throw new SextantError('unauthorized', 'the session has expired or was ended; sign in again');
    if (UNSAFE.has(request.method) && !gov.identity.checkCsrf(session.csrfToken, headerValue(request, CSRF_HEADER))) {
      throw new SextantError('forbidden', `a signed-in browser request that changes something needs the session's CSRF token in ${CSRF_HEADER}`, { csrf: true });
    }
    request.sessionId = sessionId;
    return gov.identity.viewerOf(session.user, purpose, 'session');
  }
  throw new SextantError('unauthorized', 'sign in (POST /auth/login) or send an API token (Authorization: Bearer …)');
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function setSessionCookie(reply: FastifyReply, sessionId: string, expiresAt: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires: new Date(expiresAt) });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

/** The authenticated viewer of a non-public route (the hook guarantees one). */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new SextantError('unauthorized', 'not signed in');
  return request.viewer;
}
