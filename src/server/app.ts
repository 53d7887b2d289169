import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { SextantError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { registerEntityRoutes } from './entities.ts';
import { registerListRoutes } from './lists.ts';

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
 */
export async function buildApp(store: Store, opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel },
    bodyLimit: opts.bodyLimit,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
  });
  app.addSchema({ $id: 'Error', ...ERROR_SCHEMA });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Sextant API', version: '0.1.0', description: 'Sanctions intelligence: entities with provenance, search, official lists and their versions.' },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((err, request, reply) => {
    if (err instanceof SextantError) return reply.status(err.httpStatus).send(err.toJSON());
    const e = err as { validation?: unknown; validationContext?: string; statusCode?: number; code?: string; message: string };
    if (e.validation) {
      return reply.status(400).send({ code: 'bad_request', message: `invalid ${e.validationContext ?? 'request'}: ${e.message}`, details: { errors: e.validation } });
    }
    if (e.statusCode === 413 || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ code: 'payload_too_large', message: 'request body too large', details: { limit: opts.bodyLimit } });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ code: 'bad_request', message: e.message, details: {} });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'internal', message: 'internal error', details: { requestId: request.id } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}`, details: {} }),
  );

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/healthz',
    {
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
  registerEntityRoutes(app, store);
  registerListRoutes(app, store);
  return app;
}
