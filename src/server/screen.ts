import type { FastifyInstance } from 'fastify';
import type { Governance } from '../policy/index.ts';
import { ScreeningService, type QueryEntity } from '../screen/service.ts';
import { viewerOf } from './auth.ts';
import { ERROR_RESPONSES, PAGE_FIELDS, pageParams } from './schemas.ts';
import { ID_PARAM } from './shapes.ts';

const RESULT = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    caption: { type: 'string' },
    schema: { type: 'string' },
    properties: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    datasets: { type: 'array', items: { type: 'string' } },
    score: { type: 'number' },
    match: { type: 'boolean' },
    explanations: { type: 'array', items: { type: 'object', properties: { feature: { type: 'string' }, effect: { type: 'number' }, detail: { type: 'string' } } } },
    sanctions: {
      type: 'array',
      description: 'the Sanctions naming this entity that you may see, in force first; inForce is false once lifted (endDate on or before today)',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          authority: { type: 'string', nullable: true },
          program: { type: 'string', nullable: true },
          startDate: { type: 'string', nullable: true },
          endDate: { type: 'string', nullable: true },
          inForce: { type: 'boolean' },
        },
      },
    },
    delisted: { type: 'boolean', description: 'designated once, and every designation has been lifted: not a listed party today' },
    decision: { type: 'object', properties: { id: { type: 'string' }, decision: { type: 'string' }, by: { type: 'string' }, at: { type: 'string' }, note: { type: 'string', nullable: true } } },
  },
} as const;

const QUERY_ENTITY = {
  type: 'object',
  properties: {
    schema: { type: 'string', maxLength: 64 },
    properties: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', maxLength: 1000 }, maxItems: 50 } },
  },
  required: ['schema', 'properties'],
} as const;

const DECISION = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    agency: { type: 'string' },
    subjectKey: { type: 'string' },
    subject: { type: 'object', additionalProperties: true },
    entityId: { type: 'string' },
    decision: { type: 'string' },
    note: { type: 'string', nullable: true },
    decidedBy: { type: 'string' },
    decidedAt: { type: 'string' },
    revokedBy: { type: 'string', nullable: true },
    revokedAt: { type: 'string', nullable: true },
  },
} as const;

/** yente-compatible matching: POST /match/{dataset}. */
export function registerScreenRoutes(app: FastifyInstance, gov: Governance, screening: ScreeningService): void {
  app.post<{ Params: { dataset: string }; Querystring: { limit: number; threshold: number; algorithm: string }; Body: { queries: Record<string, QueryEntity> } }>(
    '/match/:dataset',
    {
      config: { capability: 'data:read' },
      schema: {
        summary: "screen up to 100 entities against the lists (yente's request and response shape); scores 0–1 with explanations; audited",
        tags: ['screening'],
        params: { type: 'object', properties: { dataset: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } }, required: ['dataset'] },
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 5 },
            threshold: { type: 'number', minimum: 0, maximum: 1, default: 0.7 },
            algorithm: { type: 'string', enum: ['sextant-v1', 'best', 'logic-v2'], default: 'sextant-v1' },
          },
          additionalProperties: false,
        },
        body: {
          type: 'object',
          properties: {
            queries: {
              type: 'object',
              minProperties: 1,
              maxProperties: 100,
              additionalProperties: QUERY_ENTITY,
            },
          },
          required: ['queries'],
        },
        response: {
          200: {
            type: 'object',
            properties: {
              responses: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  properties: {
                    query: { type: 'object', additionalProperties: true },
                    results: { type: 'array', items: RESULT },
                    total: { type: 'object', properties: { value: { type: 'integer' }, relation: { type: 'string' } } },
                    suppressed: { type: 'integer' },
                  },
                },
              },
              limit: { type: 'integer' },
              threshold: { type: 'number' },
              algorithm: { type: 'string' },
            },
          },
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const { limit, threshold, algorithm } = request.query;
      const changes = request.changes ?? undefined;
      const responses = await screening.match(request.params.dataset, request.body.queries, { limit, threshold }, await gov.scope(viewer, changes), changes);
      const entities = [...new Set(Object.values(responses).flatMap((r) => r.results.map((x) => x.id)))];
      await gov.auditRead(viewer, 'screen.match', { dataset: request.params.dataset, queries: Object.keys(responses).length, entities });
      return { responses, limit, threshold, algorithm };
    },
  );

  app.post<{ Body: { query: QueryEntity; entityId: string; decision: string; note?: string } }>(
    '/decisions',
    {
      config: { capability: 'data:read' },
      schema: {
        summary: "record that a query subject is (match) or is not (no_match) a list entity; your agency's later screenings of the subject apply it",
        tags: ['screening'],
        body: {
          type: 'object',
          properties: {
            query: QUERY_ENTITY,
            entityId: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9._:-]+$' },
            decision: { type: 'string', enum: ['match', 'no_match'] },
            note: { type: 'string', maxLength: 2000 },
          },
          required: ['query', 'entityId', 'decision'],
          additionalProperties: false,
        },
        response: { 201: DECISION, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const d = await screening.decide(await gov.scope(viewer), request.body);
      await gov.audit.append({ actor: viewer.username, agency: viewer.agencyId, action: 'screen.decide', purpose: viewer.purpose, details: { decision: d.id, entity: d.entityId, entities: [d.entityId], verdict: d.decision } });
      return reply.status(201).send(d);
    },
  );

  app.get<{ Querystring: { entity?: string; revoked?: boolean; limit: number; offset: number } }>(
    '/decisions',
    {
      config: { capability: 'data:read' },
      schema: {
        summary: "your agency's screening decisions, newest first",
        tags: ['screening'],
        querystring: {
          type: 'object',
          properties: { entity: { type: 'string', maxLength: 255 }, revoked: { type: 'boolean', default: false }, ...pageParams(100, 1000) },
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { ...PAGE_FIELDS, decisions: { type: 'array', items: DECISION } } }, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { entity, revoked, limit, offset } = request.query;
      const r = await screening.listDecisions(viewerOf(request).agencyId, { entity, includeRevoked: revoked, limit, offset });
      return { total: r.total, limit, offset, decisions: r.decisions };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/decisions/:id',
    {
      config: { capability: 'data:read' },
      schema: { summary: 'take a decision back', tags: ['screening'], params: ID_PARAM, response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } }, ...ERROR_RESPONSES } },
    },
    async (request) => {
      const viewer = viewerOf(request);
      await screening.revokeDecision(viewer.agencyId, request.params.id, viewer.username);
      await gov.audit.append({ actor: viewer.username, agency: viewer.agencyId, action: 'screen.undecide', purpose: viewer.purpose, details: { decision: request.params.id } });
      return { ok: true };
    },
  );
}
