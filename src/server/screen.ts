import type { FastifyInstance } from 'fastify';
import type { Governance } from '../policy/index.ts';
import { ScreeningService, type QueryEntity } from '../screen/service.ts';
import { viewerOf } from './auth.ts';
import { ERROR_RESPONSES } from './schemas.ts';

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
              additionalProperties: {
                type: 'object',
                properties: {
                  schema: { type: 'string', maxLength: 64 },
                  properties: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', maxLength: 1000 }, maxItems: 50 } },
                },
                required: ['schema', 'properties'],
              },
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
      const responses = await screening.match(request.params.dataset, request.body.queries, { limit, threshold }, await gov.scope(viewer));
      const entities = [...new Set(Object.values(responses).flatMap((r) => r.results.map((x) => x.id)))];
      await gov.auditRead(viewer, 'screen.match', { dataset: request.params.dataset, queries: Object.keys(responses).length, entities });
      return { responses, limit, threshold, algorithm };
    },
  );
}
