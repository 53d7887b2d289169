import type { FastifyInstance } from 'fastify';
import type { Governance } from '../policy/index.ts';
import { ListService } from '../store/list-service.ts';
import { viewerOf } from './auth.ts';
import type { ChangeKind } from '../store/lists.ts';
import { PAGE_FIELDS, pageParams } from './schemas.ts';

const LIST = {
  type: 'object',
  properties: {
    dataset: { type: 'string' },
    authority: { type: 'string', nullable: true },
    version: { type: 'integer' },
    designations: { type: 'integer' },
    added: { type: 'integer' },
    removed: { type: 'integer' },
    changed: { type: 'integer' },
    versionDate: { type: 'string', nullable: true },
    ingestedAt: { type: 'string' },
    lastSeen: { type: 'string' },
  },
} as const;

export function registerListRoutes(app: FastifyInstance, gov: Governance): void {
  const lists = new ListService(gov.store);

  app.get<{ Querystring: { limit: number; offset: number } }>(
    '/lists',
    {
      config: { capability: 'data:read' },
      schema: {
        summary: 'the official lists in the store: authority, current version, designations, added/removed since the previous version',
        querystring: {
          type: 'object',
          properties: pageParams(100, 1000),
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { ...PAGE_FIELDS, lists: { type: 'array', items: LIST } },
          },
        },
      },
    },
    async (request) => {
      const all = await lists.summaries(await gov.scope(viewerOf(request)));
      const { limit, offset } = request.query;
      return { total: all.length, limit, offset, lists: all.slice(offset, offset + limit) };
    },
  );

  app.get<{ Params: { dataset: string }; Querystring: { version?: number; kind?: ChangeKind; limit: number; offset: number } }>(
    '/lists/:dataset/changes',
    {
      config: { capability: 'data:read' },
      schema: {
        summary: 'designations added, removed or changed in a version of a list against the version before it',
        params: { type: 'object', properties: { dataset: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } }, required: ['dataset'] },
        querystring: {
          type: 'object',
          properties: {
            version: { type: 'integer', minimum: 1 },
            kind: { type: 'string', enum: ['added', 'removed', 'changed'] },
            ...pageParams(100, 1000),
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              dataset: { type: 'string' },
              version: { type: 'integer' },
              previous: { type: 'integer', nullable: true },
              versionDate: { type: 'string', nullable: true },
              ingestedAt: { type: 'string' },
              summary: {
                type: 'object',
                properties: { designations: { type: 'integer' }, added: { type: 'integer' }, removed: { type: 'integer' }, changed: { type: 'integer' } },
              },
              ...PAGE_FIELDS,
              changes: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    change: { type: 'string' },
                    schema: { type: 'string', nullable: true },
                    caption: { type: 'string' },
                  },
                },
              },
            },
          },
          404: { $ref: 'Error#' },
        },
      },
    },
    async (request) => lists.changes(request.params.dataset, request.query, await gov.scope(viewerOf(request))),
  );
}
