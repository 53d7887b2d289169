import { randomUUID } from 'node:crypto';
import type { GovernanceConfig } from '../config.ts';
import { SextantError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { AgreementRepository } from './agreement-repository.ts';
import { validateAgreement, type Agreement, type AgreementInput, type AgreementWithKey } from './agreements.ts';
import type { AuditLog } from './audit.ts';
import { randomSecret } from './secrets.ts';
import { requireCapability, type Viewer } from './viewer.ts';

/**
 * Drafting, approving and revoking sharing agreements. An agreement is visible
 * to the users of its parties and to auditors; to anyone else it does not exist.
 */
export class AgreementService {
  private readonly repo: AgreementRepository;

  constructor(
    db: Db,
    private readonly audit: AuditLog,
    private readonly gov: GovernanceConfig,
    private readonly agencyIds: () => Promise<Set<string>>,
    private readonly oversees: (actor: Viewer) => Promise<boolean>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new AgreementRepository(db);
  }

  /** Every agreement with its key: for the policy module only. */
  async allForPolicy(): Promise<AgreementWithKey[]> {
    return this.repo.list(null);
  }

  async create(actor: Viewer, input: AgreementInput): Promise<Agreement> {
    requireCapability(actor, 'agreements:manage');
    const valid = validateAgreement(input, this.gov.levels, this.gov.purposes, await this.agencyIds());
    if (!valid.parties.includes(actor.agencyId)) {
      throw new SextantError('bad_request', `your agency ${actor.agencyId} must be one of the parties`, { field: 'parties' });
    }
    const id = `agr-${randomUUID()}`;
    const createdAt = this.now().toISOString();
    await this.repo.insert({
      id,
      name: valid.name,
      parties: valid.parties,
      categories: valid.categories,
      purposes: valid.purposes,
      maxTlp: valid.maxTlp as Agreement['maxTlp'],
      maxLevel: valid.maxLevel!,
      minimisation: valid.minimisation!,
      retentionDays: valid.retentionDays ?? null,
      validFrom: valid.validFrom!,
      validUntil: valid.validUntil ?? null,
      hashKey: randomSecret(),
      createdBy: actor.username,
      createdAt,
    });
    await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'agreement.create', purpose: actor.purpose, details: { agreement: id, ...valid } });
    return this.get(actor, id);
  }

  async list(actor: Viewer): Promise<Agreement[]> {
    return (await this.repo.list(await this.visibleParty(actor))).map(withoutKey);
  }

  async get(actor: Viewer, id: string): Promise<Agreement> {
    return withoutKey(await this.find(actor, id));
  }

  /** The hash key, for the liaison officers and supervisors of a party: they match hashed identifiers with it. */
  async hashKey(actor: Viewer, id: string): Promise<string> {
    requireCapability(actor, 'agreements:manage');
    const a = await this.find(actor, id);
    if (!a.parties.includes(actor.agencyId)) throw notFound(id);
    await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'agreement.key_read', purpose: actor.purpose, details: { agreement: id } });
    return a.hashKey;
  }

  /** Approve on behalf of the actor's agency: from then on that agency's data flows under the agreement. */
  async approve(actor: Viewer, id: string): Promise<Agreement> {
    requireCapability(actor, 'agreements:approve');
    const a = await this.find(actor, id);
    if (!a.parties.includes(actor.agencyId)) throw notFound(id);
    if (a.revokedAt) throw new SextantError('conflict', `agreement ${id} was revoked`, { id });
    const added = await this.repo.approve(id, actor.agencyId, actor.username, this.now().toISOString());
    if (added) await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'agreement.approve', purpose: actor.purpose, details: { agreement: id } });
    return this.get(actor, id);
  }

  async revoke(actor: Viewer, id: string): Promise<Agreement> {
    requireCapability(actor, 'agreements:manage');
    const a = await this.find(actor, id);
    if (!a.parties.includes(actor.agencyId)) throw notFound(id);
    await this.repo.revoke(id, actor.username, this.now().toISOString());
    await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'agreement.revoke', purpose: actor.purpose, details: { agreement: id } });
    return this.get(actor, id);
  }

  /** Agreements are visible to their parties; oversight auditors (oversight bodies, the home agency) see all. */
  private async visibleParty(actor: Viewer): Promise<string | null> {
    if (actor.capabilities.has('audit:read')) return (await this.oversees(actor)) ? null : actor.agencyId;
    if (!actor.capabilities.has('agreements:manage') && !actor.capabilities.has('data:read') && !actor.capabilities.has('admin')) {
      throw new SextantError('forbidden', 'seeing agreements needs the agreements:manage, data:read or audit:read permission', {});
    }
    return actor.agencyId;
  }

  private async find(actor: Viewer, id: string): Promise<AgreementWithKey> {
    const party = await this.visibleParty(actor);
    const a = (await this.repo.list(party)).find((x) => x.id === id);
    if (!a) throw notFound(id);
    return a;
  }
}

function notFound(id: string): SextantError {
  return new SextantError('not_found', `no agreement ${id}`, { id });
}

function withoutKey(a: AgreementWithKey): Agreement {
  const { hashKey: _key, ...rest } = a;
  return rest;
}
