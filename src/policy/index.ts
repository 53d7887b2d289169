import type { GovernanceConfig } from '../config.ts';
import type { ChangeCounts } from '../store/changes.ts';
import type { Store } from '../store/index.ts';
import { AgreementService } from './agreement-service.ts';
import { AuditLog } from './audit.ts';
import { Policy } from './decide.ts';
import { IdentityService } from './identity.ts';
import { RetentionService } from './retention.ts';
import { ReadScope } from './scope.ts';
import type { Viewer } from './viewer.ts';

/**
 * The governance services of one store: identity, agreements, the policy
 * decision point, audit and retention. The server and the CLI build one of
 * these and pass every read through `scope(viewer)`.
 */
export class Governance {
  readonly audit: AuditLog;
  readonly identity: IdentityService;
  readonly agreements: AgreementService;
  readonly retention: RetentionService;
  private policyCache: { at: number; today: string; policy: Policy } | null = null;

  constructor(
    readonly store: Store,
    readonly config: GovernanceConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.audit = new AuditLog(store.db);
    this.identity = new IdentityService(store.db, this.audit, config, now);
    this.agreements = new AgreementService(
      store.db,
      this.audit,
      config,
      async () => new Set((await this.identity.listAgencies()).map((a) => a.id)),
      async (actor) => (await this.auditScope(actor)) === null,
      now,
    );
    this.retention = new RetentionService(store, this.audit, () => this.agreements.allForPolicy(), now);
  }

  /** The decision point with the current agencies and agreements. */
  async policy(): Promise<Policy> {
    const [countries, agreements] = await Promise.all([this.identity.agencyCountries(), this.agreements.allForPolicy()]);
    return new Policy({ ladder: this.config.levels, agencyCountry: countries, agreements, today: this.now().toISOString().slice(0, 10) });
  }

  /**
   * A viewer's read scope. With the change counts read at the start of the
   * request, the decision point is reused while no agency or agreement has
   * changed and the day is the same (agreements come into and go out of force
   * by date); without them it is built afresh.
   */
  async scope(viewer: Viewer, counts?: ChangeCounts): Promise<ReadScope> {
    if (!counts) return new ReadScope(viewer, await this.policy());
    const today = this.now().toISOString().slice(0, 10);
    const c = this.policyCache;
    if (c && c.at === counts.governance && c.today === today) return new ReadScope(viewer, c.policy);
    const policy = await this.policy();
    this.policyCache = { at: counts.governance, today, policy };
    return new ReadScope(viewer, policy);
  }

  /**
   * Whose audit records an auditor may query: oversight bodies and the home
   * agency's auditors see the whole node; an agency's own auditors see what
   * their agency's users did. Returns the agency to restrict to, or null.
   */
  async auditScope(viewer: Viewer): Promise<string | null> {
    if (viewer.agencyId === this.config.agency.id) return null;
    const agency = await this.identity.agency(viewer.agencyId);
    return agency.sector === 'oversight_body' ? null : viewer.agencyId;
  }

  /**
   * Items leaving the node (an export, a share), on record before the first
   * leaves (`<action>.start`) and again when the stream ends, however it ends
   * (`<action>`, with `complete` and what `summary` says went out). A reader
   * that stops early ends the stream, and the end record is still written.
   */
  async *auditedStream<T>(viewer: Viewer, action: string, details: Record<string, unknown>, items: AsyncIterable<T>, summary: () => Record<string, unknown>): AsyncGenerator<T> {
    await this.auditRead(viewer, `${action}.start`, details);
    let complete = false;
    try {
      yield* items;
      complete = true;
    } finally {
      await this.auditRead(viewer, action, { ...details, complete, ...summary() });
    }
  }

  /** Record a read: who, for what purpose, which entities, how many marked values were shown. */
  async auditRead(viewer: Viewer, action: string, details: Record<string, unknown>): Promise<void> {
    await this.audit.append({ actor: viewer.username, agency: viewer.agencyId, action, purpose: viewer.purpose, details });
  }
}

export type { Viewer } from './viewer.ts';
