import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { SextantError } from '../errors.ts';
import type { Governance } from '../policy/index.ts';
import { exportEntities } from '../store/export.ts';
import { viewerOf } from './auth.ts';
import { ERROR_RESPONSES, pageParams, PAGE_FIELDS } from './schemas.ts';

const RECORD = {
  type: 'object',
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string' },
    actor: { type: 'string' },
    agency: { type: 'string', nullable: true },
    action: { type: 'string' },
    purpose: { type: 'string', nullable: true },
    details: { type: 'object', additionalProperties: true },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
  },
} as const;
const RETENTION_ITEM = {
  type: 'object',
  properties: {
    dataset: { type: 'string' },
    rule: { type: 'string' },
    reason: { type: 'string' },
    cutoff: { type: 'string' },
    statements: { type: 'integer' },
    entities: { type: 'integer' },
    purged: { type: 'integer' },
  },
} as const;

/** An iterator's first result (already taken, to surface errors early) put back in front of the rest. */
export async function* prepend<T>(first: IteratorResult<T>, rest: AsyncIterator<T> & AsyncIterable<T>): AsyncGenerator<T> {
  if (!first.done) yield first.value;
  yield* rest;
}

/** The audit log for oversight, retention, and the agency's own export. */
export function registerAuditRoutes(app: FastifyInstance, gov: Governance): void {
  app.get<{ Querystring: { entity?: string; actor?: string; action?: string; partner?: string; agency?: string; since?: string; until?: string; limit: number; offset: number } }>(
    '/audit',
    {
      config: { capability: 'audit:read' },
      schema: {
        summary: "audit records, newest first: who saw an entity (entity=), what left for a partner (partner=), by actor, action, agency or time; an agency's auditors see their agency's records, oversight bodies' and the home agency's the whole node",
        tags: ['audit'],
        querystring: {
          type: 'object',
          properties: {
            entity: { type: 'string', maxLength: 255 },
            actor: { type: 'string', maxLength: 64 },
            action: { type: 'string', maxLength: 64 },
            partner: { type: 'string', maxLength: 63 },
            agency: { type: 'string', maxLength: 63 },
            since: { type: 'string', format: 'date-time' },
            until: { type: 'string', format: 'date-time' },
            ...pageParams(100, 1000),
          },
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { ...PAGE_FIELDS, records: { type: 'array', items: RECORD } } }, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const q = request.query;
      const only = await gov.auditScope(viewerOf(request));
      if (only !== null && q.agency !== undefined && q.agency !== only) return { total: 0, limit: q.limit, offset: q.offset, records: [] };
      const { total, records } = await gov.audit.query({ ...q, agency: only ?? q.agency, action: q.action?.split(',') });
      await gov.auditRead(viewerOf(request), 'audit.query', { filter: { ...q } });
      return { total, limit: q.limit, offset: q.offset, records };
    },
  );

  app.get<{ Querystring: { anchor?: string } }>(
    '/audit/verify',
    {
      config: { capability: 'audit:read' },
      schema: {
        summary: 'verify the hash chain and its checkpoints (and an externally kept anchor seq:hash); names where it breaks',
        tags: ['audit'],
        querystring: { type: 'object', properties: { anchor: { type: 'string', pattern: '^[0-9]+:[0-9a-f]{64}$' } }, additionalProperties: false },
        response: { 200: { type: 'object', additionalProperties: true }, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const a = request.query.anchor?.split(':');
      return gov.audit.verify(a ? { anchor: { seq: Number(a[0]), hash: a[1]! } } : undefined);
    },
  );

  app.get(
    '/retention',
    {
      config: { capability: 'retention:run' },
      schema: { summary: 'what a retention run would purge now, and why (a dry run)', tags: ['retention'], response: { 200: { type: 'object', properties: { items: { type: 'array', items: RETENTION_ITEM } } }, ...ERROR_RESPONSES } },
    },
    async (request) => ({ items: await gov.retention.plan(viewerOf(request)) }),
  );

  app.post(
    '/retention/run',
    {
      config: { capability: 'retention:run' },
      schema: { summary: 'purge what retention rules no longer allow keeping; audited', tags: ['retention'], response: { 200: { type: 'object', properties: { items: { type: 'array', items: RETENTION_ITEM } } }, ...ERROR_RESPONSES } },
    },
    async (request) => ({ items: await gov.retention.run(viewerOf(request)) }),
  );

  app.get<{ Querystring: { dataset?: string } }>(
    '/export',
    {
      config: { capability: 'data:export' },
      schema: {
        summary: 'FtM JSON lines of the entities you may see (minimised where agreements say so); audited',
        tags: ['entities'],
        querystring: { type: 'object', properties: { dataset: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } }, additionalProperties: false },
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const scope = await gov.scope(viewer);
      const dataset = request.query.dataset;
      if (dataset !== undefined && !scope.seesAny(await gov.store.statements.classes({ dataset }))) {
        throw new SextantError('not_found', `no dataset ${dataset}`, { dataset });
      }
      const seen = new Set<string>();
      const entities = exportEntities(gov.store, request.query.dataset ?? null, (rows) => {
        const out = scope.seeAll(rows);
        for (const r of out) seen.add(r.entity_id);
        return out;
      });
      const first = await entities.next(); // errors surface as a JSON error, before streaming starts
      const audited = gov.auditedStream(viewer, 'export', { dataset: request.query.dataset ?? null }, prepend(first, entities), () => ({
        marked: scope.takeMarkedCount(),
        entities: [...seen],
      }));
      async function* lines() {
        for await (const e of audited) yield JSON.stringify(e) + '\n';
      }
      return reply.type('application/x-ndjson').send(Readable.from(lines()));
    },
  );
}
