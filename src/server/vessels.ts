import type { FastifyInstance } from 'fastify';
import { DetectService } from '../detect/service.ts';
import { TRACK_DEFAULT_LIMIT, TRACK_MAX_LIMIT, VesselService } from '../detect/vessels.ts';
import type { Governance } from '../policy/index.ts';
import { viewerOf } from './auth.ts';

const ID = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 255 } }, required: ['id'] } as const;

const RUN = {
  type: 'object',
  properties: {
    value: { type: 'string' },
    from: { type: ['string', 'null'] },
    to: { type: ['string', 'null'] },
    source: { type: 'string', enum: ['ais', 'registry'] },
    dataset: { type: 'string' },
    mmsi: { type: 'string' },
    fixes: { type: 'integer' },
    past: { type: 'boolean' },
  },
} as const;

const RUNS = { type: 'array', items: RUN } as const;

/** The vessel view (src/detect/vessels.ts VesselView); alerts are served in full by their own schema, here loosely. */
const VESSEL = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    name: { type: ['string', 'null'] },
    imo: { type: ['string', 'null'] },
    mmsi: { type: ['string', 'null'] },
    callSign: { type: ['string', 'null'] },
    flag: { type: ['string', 'null'] },
    vesselType: { type: ['integer', 'null'] },
    mmsis: { type: 'array', items: { type: 'string' } },
    imos: { type: 'array', items: { type: 'string' } },
    entities: { type: 'array', items: { type: 'object', additionalProperties: true } },
    history: {
      type: 'object',
      properties: { name: RUNS, imo: RUNS, mmsi: RUNS, callSign: RUNS, flag: RUNS, vesselType: RUNS },
    },
    owners: { type: 'array', items: { type: 'object', additionalProperties: true } },
    designations: { type: 'array', items: { type: 'object', additionalProperties: true } },
    portCalls: { type: 'array', items: { type: 'object', additionalProperties: true } },
    positions: { type: 'object', additionalProperties: true },
    alerts: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: { type: 'object', additionalProperties: true } } } },
  },
} as const;

export function registerVesselRoutes(app: FastifyInstance, gov: Governance): void {
  const vessels = new VesselService(gov.store, new DetectService(gov.store, gov.config.levels));

  app.get<{ Params: { id: string } }>(
    '/vessels/:id',
    {
      config: { capability: 'data:read' },
      schema: {
        summary:
          'a vessel by IMO number (IMO9187629 or 9187629), MMSI (9 digits) or entity id: its identifiers and their history (broadcast and registry), owners and managers, designations, port calls and alerts; audited',
        tags: ['vessels'],
        params: ID,
        response: { 200: VESSEL, 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const view = await vessels.get(await gov.scope(viewer), request.params.id);
      await gov.auditRead(viewer, 'vessels.read', { vessel: view.key, entities: view.entities.map((e) => e.id), mmsis: view.mmsis, alerts: view.alerts.items.map((a) => a.id) });
      return view;
    },
  );

  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string; limit?: number } }>(
    '/vessels/:id/track',
    {
      config: { capability: 'data:read' },
      schema: {
        summary:
          'the vessel\'s positions in [from, to) as a GeoJSON FeatureCollection: one LineString per track segment (cut at gaps over 8 h and implied speeds over 25 kn) with its MMSI, times and fixes; at most `limit` positions, `truncated` says when cut short; audited',
        tags: ['vessels'],
        params: ID,
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            limit: { type: 'integer', minimum: 1, maximum: TRACK_MAX_LIMIT, default: TRACK_DEFAULT_LIMIT },
          },
          additionalProperties: false,
        },
        response: { 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const q = request.query;
      const geo = await vessels.track(await gov.scope(viewer), request.params.id, {
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      });
      const meta = geo as unknown as { positions: number; mmsis: string[] };
      await gov.auditRead(viewer, 'vessels.track', { vessel: request.params.id, mmsis: meta.mmsis, positions: meta.positions, from: q.from ?? null, to: q.to ?? null });
      reply.type('application/geo+json');
      return geo;
    },
  );
}
