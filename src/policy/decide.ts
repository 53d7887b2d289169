import {
  coversCategory,
  hasApproved,
  isInForce,
  keyedHash,
  maskValue,
  MINIMISATION_ORDER,
  minimisationFor,
  withinCeiling,
  type AgreementWithKey,
  type MinimisationAction,
} from './agreements.ts';
import { isReleasableTo, levelRank, parseMarking, tlpRank, type Ladder, type Marking } from './markings.ts';
import type { Viewer } from './viewer.ts';

/**
 * The one decision point: may this viewer see this statement for this purpose,
 * and may this statement leave for this partner under this agreement — and in
 * what form. Decisions depend only on a statement's class (dataset, holding
 * agency, marking, schema, property), so they are made once per class and cached.
 *
 * Reading, for a viewer with the data:read permission:
 *   1. the marking's level is at most the viewer's clearance, and the marking's
 *      purposes (if any) include the declared purpose — for everyone, holders too;
 *   2. the holding agency's own users then see it;
 *   3. others need releasability (REL TO their agency or its country);
 *   4. TLP:CLEAR and TLP:GREEN without originator control are the node's
 *      community's to read;
 *   5. everything else (AMBER, AMBER+STRICT, RED, or originator-controlled) needs
 *      an agreement in force between the holder and the viewer's agency that
 *      the holder (and every originator) approved, that covers the data category
 *      and the purpose, whose ceiling the marking does not exceed; its
 *      minimisation applies (drop hides the value).
 * Releasing to a partner applies the same agreement test to the partner's
 * agency, whatever the colour; originator-controlled data marked AMBER+STRICT
 * or RED never leaves again.
 */
export type Transform = Exclude<MinimisationAction, 'drop'>;

export type Access = { allow: false } | { allow: true; transform: null } | { allow: true; transform: Transform; agreement: string; hashKey: string };

export interface StatementClass {
  dataset: string;
  agency: string;
  marking: string;
  schema: string;
  prop: string;
}

const DENY: Access = { allow: false };
const OPEN: Access = { allow: true, transform: null };
/** Lower is more access: clear, then masked, then hashed (the order of MINIMISATION_ORDER), then nothing. */
const TRANSFORM_ORDER: Array<Transform | null> = [null, ...(MINIMISATION_ORDER.filter((a) => a !== 'drop') as Transform[])];

function rank(a: Access): number {
  return a.allow ? TRANSFORM_ORDER.indexOf(a.transform) : TRANSFORM_ORDER.length;
}

export interface PolicyContext {
  ladder: Ladder;
  /** Agency id → ISO country. */
  agencyCountry: ReadonlyMap<string, string>;
  /** Agreements with their approvals (in force or not; the check is made here). */
  agreements: readonly AgreementWithKey[];
  /** Today, ISO date. */
  today: string;
}

export class Policy {
  private readonly markings = new Map<string, Marking | null>();
  private readonly readCache = new Map<string, Access>();

  constructor(private readonly ctx: PolicyContext) {}

  get ladder(): Ladder {
    return this.ctx.ladder;
  }

  countryOf(agency: string): string | undefined {
    return this.ctx.agencyCountry.get(agency);
  }

  /** The parsed marking, or null when it cannot be parsed (then nobody but nothing is allowed: fail closed). */
  marking(text: string): Marking | null {
    let m = this.markings.get(text);
    if (m === undefined) {
      try {
        m = parseMarking(text, this.ctx.ladder);
      } catch {
        m = null;
      }
      this.markings.set(text, m);
    }
    return m;
  }

  read(viewer: Viewer, c: StatementClass): Access {
    const key = `${viewer.agencyId}\u0000${viewer.clearance}\u0000${viewer.purpose}\u0000${viewer.capabilities.has('data:read')}\u0000${c.dataset}\u0000${c.agency}\u0000${c.marking}\u0000${c.schema}\u0000${c.prop}`;
    let access = this.readCache.get(key);
    if (access === undefined) {
      access = this.decideRead(viewer, c);
      this.readCache.set(key, access);
    }
    return access;
  }

  private decideRead(viewer: Viewer, c: StatementClass): Access {
    if (!viewer.capabilities.has('data:read')) return DENY;
    const m = this.marking(c.marking);
    if (!m) return DENY;
    if (levelRank(m.level, this.ctx.ladder) > this.clearanceRank(viewer.clearance)) return DENY;
    if (m.purposes !== null && !m.purposes.includes(viewer.purpose)) return DENY;
    if (c.agency === viewer.agencyId) return OPEN;
    if (!isReleasableTo(m, viewer.agencyId, viewer.country)) return DENY;
    if (m.orcon.length === 0 && tlpRank(m.tlp) <= tlpRank('GREEN')) return OPEN;
    return this.underAgreement(c, m, viewer.agencyId, viewer.purpose, null);
  }

  /** May a statement of this class leave for `partner` under `agreementId`, for `purpose`, and in what form? */
  release(c: StatementClass, partner: string, agreementId: string, purpose: string): Access {
    const m = this.marking(c.marking);
    if (!m) return DENY;
    if (partner === c.agency) return DENY;
    if (m.purposes !== null && !m.purposes.includes(purpose)) return DENY;
    const country = this.ctx.agencyCountry.get(partner);
    if (country === undefined || !isReleasableTo(m, partner, country)) return DENY;
    if (m.orcon.length > 0 && tlpRank(m.tlp) >= tlpRank('AMBER+STRICT')) return DENY;
    return this.underAgreement(c, m, partner, purpose, agreementId);
  }

  /** The least minimised access any qualifying agreement gives, or none. */
  private underAgreement(c: StatementClass, m: Marking, recipient: string, purpose: string, only: string | null): Access {
    let best: Access = DENY;
    for (const a of this.ctx.agreements) {
      if (only !== null && a.id !== only) continue;
      if (!isInForce(a, this.ctx.today)) continue;
      if (!a.parties.includes(c.agency) || !a.parties.includes(recipient) || !hasApproved(a, c.agency)) continue;
      if (!m.orcon.every((o) => a.parties.includes(o) && hasApproved(a, o))) continue;
      if (!a.purposes.includes(purpose) || !coversCategory(a, c) || !withinCeiling(a, m.tlp, m.level, this.ctx.ladder)) continue;
      const action = minimisationFor(a, c.schema, c.prop);
      if (action === 'drop') continue;
      const access: Access = action === null ? OPEN : { allow: true, transform: action, agreement: a.id, hashKey: a.hashKey };
      if (rank(access) < rank(best)) best = access;
      if (rank(access) === 0) break;
    }
    return best;
  }

  private clearanceRank(level: string): number {
    const i = this.ctx.ladder.indexOf(level);
    return i < 0 ? -1 : i;
  }
}

/** A value as the access lets it be seen. */
export function presentValue(value: string, propType: string, access: Access): string {
  if (!access.allow || access.transform === null) return value;
  return access.transform === 'mask' ? maskValue(value, propType) : keyedHash(access.hashKey, value, propType);
}
