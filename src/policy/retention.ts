import type { Store } from '../store/index.ts';
import { isInForce, type AgreementWithKey } from './agreements.ts';
import type { AuditLog } from './audit.ts';
import { requireCapability, type Viewer } from './viewer.ts';

/**
 * Retention: statements are purged when a rule says they are kept no longer.
 *   - dataset rule: not seen (last_seen) for `retention_days`;
 *   - agreement rule, for data received under an agreement: received
 *     (first_seen) more than the agreement's retention period ago, or all of
 *     it once the agreement has been revoked or has expired.
 */
export interface RetentionItem {
  dataset: string;
  rule: 'dataset' | 'agreement' | 'agreement_ended';
  reason: string;
  /** Statements seen (last or first, as the rule says) before this are purged. */
  cutoff: string;
  statements: number;
  entities: number;
}

const DAY = 86_400_000;

export class RetentionService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly agreements: () => Promise<AgreementWithKey[]>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** What would be purged now from the actor's agency's datasets, and why. */
  async plan(actor: Viewer): Promise<RetentionItem[]> {
    requireCapability(actor, 'retention:run');
    const now = this.now();
    const agreements = new Map((await this.agreements()).map((a) => [a.id, a]));
    const items: RetentionItem[] = [];
    // Each agency runs retention over the datasets it holds, and only those.
    for (const ds of (await this.store.lists.datasets()).filter((d) => d.agency === actor.agencyId)) {
      if (ds.retention_days) {
        const cutoff = new Date(now.getTime() - ds.retention_days * DAY).toISOString();
        const n = await this.store.statements.retentionCount(ds.name, 'last_seen', cutoff);
        if (n.statements > 0) items.push({ dataset: ds.name, rule: 'dataset', reason: `dataset keeps data ${ds.retention_days} days after it was last seen`, cutoff, ...n });
      }
      const a = ds.agreement_id ? agreements.get(ds.agreement_id) : undefined;
      if (!a) continue;
      if (!isInForce(a, now.toISOString().slice(0, 10)) && (a.revokedAt !== null || (a.validUntil !== null && a.validUntil < now.toISOString().slice(0, 10)))) {
        // Everything received under an agreement that ended: the cutoff is "now".
        const cutoff = now.toISOString();
        const n = await this.store.statements.retentionCount(ds.name, 'first_seen', new Date(now.getTime() + 1).toISOString());
        if (n.statements > 0) items.push({ dataset: ds.name, rule: 'agreement_ended', reason: `agreement ${a.id} (${a.name}) ${a.revokedAt ? 'was revoked' : 'expired'}`, cutoff, ...n });
      } else if (a.retentionDays) {
        const cutoff = new Date(now.getTime() - a.retentionDays * DAY).toISOString();
        const n = await this.store.statements.retentionCount(ds.name, 'first_seen', cutoff);
        if (n.statements > 0) items.push({ dataset: ds.name, rule: 'agreement', reason: `agreement ${a.id} (${a.name}) allows keeping received data ${a.retentionDays} days`, cutoff, ...n });
      }
    }
    return items;
  }

  /** Purge what the plan lists; the run and every purge are audited. */
  async run(actor: Viewer): Promise<Array<RetentionItem & { purged: number }>> {
    const plan = await this.plan(actor);
    const out: Array<RetentionItem & { purged: number }> = [];
    for (const item of plan) {
      const column = item.rule === 'dataset' ? 'last_seen' : 'first_seen';
      const cutoff = item.rule === 'agreement_ended' ? new Date(Date.parse(item.cutoff) + 1).toISOString() : item.cutoff;
      const purged = await this.store.statements.purge(item.dataset, column, cutoff);
      out.push({ ...item, purged });
    }
    await this.audit.append({
      actor: actor.username,
      agency: actor.agencyId,
      action: 'retention.run',
      purpose: actor.purpose,
      details: { items: out.map(({ dataset, rule, reason, cutoff, purged, entities }) => ({ dataset, rule, reason, cutoff, purged, entities })) },
    });
    return out;
  }
}
