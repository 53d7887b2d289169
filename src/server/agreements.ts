import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { SextantError } from '../errors.ts';
import type { AgreementInput } from '../policy/agreements.ts';
import type { Governance } from '../policy/index.ts';
import { prepareRelease } from '../policy/release.ts';
import { exportEntities } from '../store/export.ts';
import { prepend } from './audit.ts';
import { viewerOf } from './auth.ts';
import { ERROR_RESPONSES } from './schemas.ts';
import { AGREEMENT, AGREEMENT_INPUT, ID_PARAM } from './shapes.ts';


/** Sharing agreements, and the export of data to a partner under one. */
export function registerAgreementRoutes(app: FastifyInstance, gov: Governance): void {
  app.get(
    '/agreements',
    { schema: { summary: "the agreements your agency is party to (auditors: all)", tags: ['agreements'], response: { 200: { type: 'object', properties: { agreements: { type: 'array', items: AGREEMENT } } }, ...ERROR_RESPONSES } } },
    async (request) => ({ agreements: await gov.agreements.list(viewerOf(request)) }),
  );

  app.post<{ Body: AgreementInput }>(
    '/agreements',
    {
      config: { capability: 'agreements:manage' },
      schema: { summary: 'draft an agreement; each party\'s data flows only after that party approves it', tags: ['agreements'], body: AGREEMENT_INPUT, response: { 201: AGREEMENT, ...ERROR_RESPONSES } },
    },
    async (request, reply) => reply.status(201).send(await gov.agreements.create(viewerOf(request), request.body)),
  );

  app.get<{ Params: { id: string } }>(
    '/agreements/:id',
    { schema: { summary: 'one agreement', tags: ['agreements'], params: ID_PARAM, response: { 200: AGREEMENT, ...ERROR_RESPONSES } } },
    async (request) => gov.agreements.get(viewerOf(request), request.params.id),
  );

  app.post<{ Params: { id: string } }>(
    '/agreements/:id/approve',
    { config: { capability: 'agreements:approve' }, schema: { summary: "approve on your agency's behalf", tags: ['agreements'], params: ID_PARAM, response: { 200: AGREEMENT, ...ERROR_RESPONSES } } },
    async (request) => gov.agreements.approve(viewerOf(request), request.params.id),
  );

  app.post<{ Params: { id: string } }>(
    '/agreements/:id/revoke',
    { config: { capability: 'agreements:manage' }, schema: { summary: 'revoke: nothing flows under it any more', tags: ['agreements'], params: ID_PARAM, response: { 200: AGREEMENT, ...ERROR_RESPONSES } } },
    async (request) => gov.agreements.revoke(viewerOf(request), request.params.id),
  );

  app.get<{ Params: { id: string } }>(
    '/agreements/:id/key',
    {
      config: { capability: 'agreements:manage' },
      schema: {
        summary: "the agreement's hash key, with which parties compute the keyed hashes of identifiers they hold",
        tags: ['agreements'],
        params: ID_PARAM,
        response: { 200: { type: 'object', properties: { key: { type: 'string' }, algorithm: { type: 'string' } } }, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ key: await gov.agreements.hashKey(viewerOf(request), request.params.id), algorithm: 'HMAC-SHA-256 over the normalised value, base64url' }),
  );

  app.get<{ Params: { id: string }; Querystring: { partner: string; dataset?: string } }>(
    '/agreements/:id/export',
    {
      config: { capability: 'share' },
      schema: {
        summary: "FtM JSON lines of your agency's data that may leave for the partner under the agreement, minimised as it says; audited",
        tags: ['agreements'],
        params: ID_PARAM,
        querystring: {
          type: 'object',
          properties: { partner: { type: 'string', maxLength: 63 }, dataset: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } },
          required: ['partner'],
          additionalProperties: false,
        },
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { partner, dataset } = request.query;
      const release = await prepareRelease(gov, viewer, request.params.id, partner);
      if (dataset !== undefined && !(await gov.store.statements.classes({ dataset })).some((c) => c.agency === viewer.agencyId)) {
        throw new SextantError('not_found', `no dataset ${dataset} held by ${viewer.agencyId}`, { dataset });
      }
      const entities = exportEntities(gov.store, dataset ?? null, release.see);
      const first = await entities.next(); // errors (unknown dataset) surface as a JSON error, before streaming starts
      const details = { agreement: request.params.id, partner, dataset: dataset ?? null };
      const audited = gov.auditedStream(viewer, 'share.export', details, prepend(first, entities), () => ({
        statements: release.statements,
        entities: [...release.entities],
      }));
      async function* lines() {
        for await (const e of audited) yield JSON.stringify(e) + '\n';
      }
      return reply.type('application/x-ndjson').send(Readable.from(lines()));
    },
  );
}
