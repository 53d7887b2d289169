import type { FastifyInstance } from 'fastify';
import { ALERT_STATUSES } from '../detect/alert.ts';
import { DetectService } from '../detect/service.ts';
import type { Governance } from '../policy/index.ts';
import { viewerOf } from './auth.ts';
import { PAGE_FIELDS, pageParams } from './schemas.ts';

/** An alert: FORMATS.md §6 plus status, marking, details and first/last seen. */
const ALERT = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    indicator: { type: 'string' },
    score: { type: 'number' },
    subjects: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          schema: { type: 'string' },
          name: { type: 'string' },
          identifiers: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    },
    window: { type: 'object', properties: { start: { type: 'string' }, end: { type: 'string' } } },
    evidence: {
      type: 'array',
      items: { type: 'object', properties: { source: { type: 'string' }, record: { type: 'string' }, agency: { type: 'string' }, note: { type: 'string' } } },
    },
    explanation: { type: 'string' },
    status: { type: 'string', enum: [...ALERT_STATUSES] },
    marking: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
    firstSeen: { type: 'string' },
    lastSeen: { type: 'string' },
  },
} as const;

const ID = { type: 'object', properties: { id: { type: 'string', pattern: '^al-[0-9a-f]{24}$' } }, required: ['id'] } as const;

type AlertsQuery = { indicator?: string; subject?: string; status?: string; since?: string; until?: string; min_score?: number; limit: number; offset: number };

export function registerAlertRoutes(app: FastifyInstance, gov: Governance): void {
  const alerts = new DetectService(gov.store, gov.config.levels);

  app.get<{ Querystring: AlertsQuery }>(
    '/alerts',
    {
      config: { capability: 'data:read' },
      schema: {
        summary: 'alerts you may see (every piece of their evidence), best score first; filters by indicator (code or prefix.*), subject (entity id or identifier), status and time; audited',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          properties: {
            indicator: { type: 'string', pattern: '^[a-z_]+(\\.[a-z_]+|\\.\\*)?$', maxLength: 100 },
            subject: { type: 'string', minLength: 1, maxLength: 255 },
            status: { type: 'string', enum: [...ALERT_STATUSES] },
            since: { type: 'string', format: 'date-time' },
            until: { type: 'string', format: 'date-time' },
            min_score: { type: 'number', minimum: 0, maximum: 1 },
            ...pageParams(50, 1000),
          },
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { ...PAGE_FIELDS, alerts: { type: 'array', items: ALERT } } } },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const q = request.query;
      const page = await alerts.list(
        await gov.scope(viewer),
        {
          ...(q.indicator ? { indicator: q.indicator } : {}),
          ...(q.subject ? { subject: q.subject } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.since ? { since: q.since } : {}),
          ...(q.until ? { until: q.until } : {}),
          ...(q.min_score !== undefined ? { minScore: q.min_score } : {}),
        },
        { limit: q.limit, offset: q.offset },
      );
      await gov.auditRead(viewer, 'alerts.read', { alerts: page.alerts.map((a) => a.id), marked: page.alerts.filter((a) => a.marking !== 'TLP:CLEAR').length });
      return { total: page.total, limit: q.limit, offset: q.offset, alerts: page.alerts };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/alerts/:id',
    {
      config: { capability: 'data:read' },
      schema: { summary: 'one alert, with its evidence; audited', tags: ['alerts'], params: ID, response: { 200: ALERT, 404: { $ref: 'Error#' } } },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const alert = await alerts.get(await gov.scope(viewer), request.params.id);
      await gov.auditRead(viewer, 'alerts.read', { alerts: [alert.id], marked: alert.marking !== 'TLP:CLEAR' ? 1 : 0 });
      return alert;
    },
  );

  app.post<{ Params: { id: string }; Body: { status: string } }>(
    '/alerts/:id/status',
    {
      config: { capability: 'data:write' },
      schema: {
        summary: 'triage an alert: new, triaged, dismissed or escalated; audited',
        tags: ['alerts'],
        params: ID,
        body: { type: 'object', properties: { status: { type: 'string', enum: [...ALERT_STATUSES] } }, required: ['status'], additionalProperties: false },
        response: { 200: ALERT, 404: { $ref: 'Error#' } },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const alert = await alerts.setStatus(await gov.scope(viewer), request.params.id, request.body.status);
      await gov.audit.append({ actor: viewer.username, agency: viewer.agencyId, action: 'alert.status', purpose: viewer.purpose, details: { alert: alert.id, status: alert.status } });
      return alert;
    },
  );
}
