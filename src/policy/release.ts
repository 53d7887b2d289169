import { SextantError } from '../errors.ts';
import type { StatementRow } from '../store/statements.ts';
import { isInForce } from './agreements.ts';
import { presentValue } from './decide.ts';
import type { Governance } from './index.ts';
import { requireCapability, type Viewer } from './viewer.ts';

/**
 * What may leave the node for a partner under an agreement: only statements the
 * releasing agency holds, each as the policy's release rule allows (minimised
 * where the agreement says so). Returns the function an export passes every
 * page of statements through, and counts what went out for the audit record.
 */
export interface Release {
  see: (rows: StatementRow[]) => StatementRow[];
  entities: Set<string>;
  statements: number;
}

export async function prepareRelease(gov: Governance, viewer: Viewer, agreementId: string, partner: string): Promise<Release> {
  requireCapability(viewer, 'share');
  const agreement = await gov.agreements.get(viewer, agreementId);
  if (!agreement.parties.includes(viewer.agencyId)) throw new SextantError('not_found', `no agreement ${agreementId}`, { id: agreementId });
  if (!agreement.parties.includes(partner) || partner === viewer.agencyId) {
    throw new SextantError('bad_request', `${partner} is not a partner under agreement ${agreementId}`, { field: 'partner' });
  }
  if (!isInForce(agreement, new Date().toISOString().slice(0, 10))) {
    throw new SextantError('conflict', `agreement ${agreementId} is not in force`, { id: agreementId });
  }
  if (!agreement.purposes.includes(viewer.purpose)) {
    throw new SextantError('bad_request', `agreement ${agreementId} does not permit the purpose ${viewer.purpose}; it permits ${agreement.purposes.join(', ')}`, { field: 'purpose' });
  }
  const policy = await gov.policy();
  const release: Release = {
    entities: new Set(),
    statements: 0,
    see: (rows) => {
      const out: StatementRow[] = [];
      for (const r of rows) {
        if (r.agency !== viewer.agencyId) continue;
        // What the releasing user may not read themselves (clearance, purpose) does not leave through them.
        if (!policy.read(viewer, r).allow) continue;
        const access = policy.release(r, partner, agreementId, viewer.purpose);
        if (!access.allow) continue;
        out.push(access.transform === null ? r : { ...r, value: presentValue(r.value, r.prop_type, access), original: null, match: null });
        release.entities.add(r.entity_id);
        release.statements++;
      }
      return out;
    },
  };
  return release;
}
