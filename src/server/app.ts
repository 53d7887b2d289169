import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { SextantError } from '../errors.ts';
import type { Governance } from '../policy/index.ts';
import { registerAdminRoutes } from './admin.ts';
import { registerAlertRoutes } from './alerts.ts';
import { registerAgreementRoutes } from './agreements.ts';
import { registerAuditRoutes } from './audit.ts';
import { registerAuth } from './auth.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { registerEntityRoutes } from './entities.ts';
import { registerListRoutes } from './lists.ts';
import { registerScreenRoutes } from './screen.ts';
import { registerVesselRoutes } from './vessels.ts';
import { ScreeningService } from '../screen/service.ts';

/** A registered route, as the leak suite and the docs enumerate them. */
export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
  schema: Record<string, unknown> | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app, in registration order. */
    routeCatalogue: RouteInfo[];
  }
}

export interface AppOptions {
  bodyLimit: number;
  logLevel: string;
}

const ERROR_SCHEMA = {
  type: 'object',
  properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: true } },
  required: ['code', 'message', 'details'],
} as const;

/**
 * The HTTP API. Routes are thin: validate (JSON schema), call a service,
 * serialise. Every error leaves as `{code, message, details}` with a stable code.
 * Every route but health, docs and login needs a signed-in user or an API
 * token (see auth.ts), and every data read goes through the policy module.
 */
export async function buildApp(gov: Governance, opts: AppOptions): Promise<FastifyInstance> {
  const store = gov.store;
  const app = Fastify({
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel },
    bodyLimit: opts.bodyLimit,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
  });
  app.addSchema({ $id: 'Error', ...ERROR_SCHEMA });
  // Set before any plugin is registered, so that the plugins' routes (the docs) use it too.
  app.setErrorHandler((err, request, reply) => {
    if (err instanceof SextantError) return reply.status(err.httpStatus).send(err.toJSON());
    const e = err as { validation?: unknown; validationContext?: string; statusCode?: number; code?: string; message: string };
    if (e.validation) {
      return reply.status(400).send({ code: 'bad_request', message: `invalid ${e.validationContext ?? 'request'}: ${e.message}`, details: { errors: e.validation } });
    }
    if (e.statusCode === 413 || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ code: 'payload_too_large', message: 'request body too large', details: { limit: opts.bodyLimit } });
    }
    if (e.statusCode === 429) {
      return reply.status(429).send({ code: 'too_many_requests', message: e.message, details: {} });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ code: 'bad_request', message: e.message, details: {} });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'internal', message: 'internal error', details: { requestId: request.id } });
  });
  // Routes of the docs UI are public; every other route needs a signed-in user or a token.
  const catalogue: RouteInfo[] = [];
  app.decorate('routeCatalogue', catalogue);
  app.addHook('onRoute', (route) => {
    if (route.url === '/docs' || route.url.startsWith('/docs/')) route.config = { ...(route.config ?? {}), public: true };
    for (const method of [route.method].flat()) {
      catalogue.push({ method, url: route.url, public: route.config?.public === true, schema: route.schema as Record<string, unknown> | undefined });
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Sextant API',
        version: '0.1.0',
        description:
          'Sanctions intelligence: entities with provenance, search, official lists and their versions; agencies, users, tokens, sharing agreements, audit and retention. ' +
          'Sign in with POST /auth/login (session cookie + X-CSRF-Token on changing requests) or send Authorization: Bearer <API token>. Declare the purpose of access in X-Sextant-Purpose.',
      },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'sextant_session' } } },
      security: [{ token: [] }, { session: [] }],
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: 'too_many_requests', message: `too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`, details: {} }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await registerAuth(app, gov);

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}`, details: {} }),
  );

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        summary: 'liveness and database reachability',
        response: { 200: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } } } },
      },
    },
    async () => {
      await store.db.query('SELECT 1');
      return { status: 'ok', database: store.db.kind };
    },
  );
  registerAuthRoutes(app, gov);
  registerAdminRoutes(app, gov);
  registerEntityRoutes(app, gov);
  registerListRoutes(app, gov);
  registerAgreementRoutes(app, gov);
  registerAuditRoutes(app, gov);
  registerAlertRoutes(app, gov);
  registerVesselRoutes(app, gov);
  registerScreenRoutes(app, gov, new ScreeningService(store));
  return app;
}
