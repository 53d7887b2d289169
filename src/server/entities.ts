import type { FastifyInstance } from 'fastify';
import type { Governance } from '../policy/index.ts';
import { EntityService } from '../store/entity-service.ts';
import { viewerOf } from './auth.ts';
import { PAGE_FIELDS, pageParams } from './schemas.ts';

const PROVENANCE = {
  type: 'object',
  properties: {
    value: { type: 'string' },
    original: { type: 'string' },
    dataset: { type: 'string' },
    record: { type: 'string', nullable: true },
    agency: { type: 'string' },
    marking: { type: 'string' },
    first_seen: { type: 'string' },
    last_seen: { type: 'string' },
  },
} as const;

export function registerEntityRoutes(app: FastifyInstance, gov: Governance): void {
  const entities = new EntityService(gov.store);

  app.get<{ Params: { id: string } }>(
    '/entities/:id',
    {
      config: { capability: 'data:read' },
      schema: {
        summary: 'an entity assembled from the statements you may see, with the provenance of each value and its related entities; audited',
        params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9._:-]+$' } }, required: ['id'] },
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              schema: { type: 'string' },
              caption: { type: 'string' },
              datasets: { type: 'array', items: { type: 'string' } },
              properties: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
              provenance: { type: 'object', additionalProperties: { type: 'array', items: PROVENANCE } },
              related: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    schema: { type: 'string' },
                    caption: { type: 'string' },
                    prop: { type: 'string' },
                    direction: { type: 'string', enum: ['outgoing', 'incoming'] },
                  },
                },
              },
            },
          },
          404: { $ref: 'Error#' },
        },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const scope = await gov.scope(viewer);
      const view = await entities.get(request.params.id, scope);
      await gov.auditRead(viewer, 'entity.read', { entities: [view.id], marked: scope.takeMarkedCount() });
      return view;
    },
  );

  app.get<{ Querystring: { q: string; schema?: string; limit: number; offset: number } }>(
    '/search',
    {
      config: { capability: 'data:read' },
      schema: {
        summary: 'search the names and aliases you may see (PostgreSQL full-text and trigram similarity on transliterated, folded names)',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 500 },
            schema: { type: 'string', pattern: '^[A-Za-z]+$', maxLength: 64 },
            ...pageParams(10, 500),
          },
          required: ['q'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              query: { type: 'string' },
              ...PAGE_FIELDS,
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    schema: { type: 'string' },
                    name: { type: 'string' },
                    score: { type: 'number' },
                    datasets: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
          400: { $ref: 'Error#' },
        },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const result = await entities.search(request.query.q, request.query, await gov.scope(viewer));
      await gov.auditRead(viewer, 'search', { query: request.query.q, entities: result.results.map((r) => r.id) });
      return result;
    },
  );
}
