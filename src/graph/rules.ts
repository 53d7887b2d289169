/**
 * Which ownership and control tests make an entity that is not itself listed
 * subject to an asset freeze, per authority. Each rule is data: a threshold,
 * whether it is inclusive ("50% or more") or strict ("more than 50%"), whether
 * control without ownership counts, and how the holdings of several
 * designated persons combine. The engine (blocked-set.ts) only reads these.
 *
 * OFAC (United States):
 *   "Revised Guidance on Entities Owned by Persons Whose Property and
 *   Interests in Property Are Blocked", 13 August 2014 (79 Fed. Reg. 47726),
 *   and FAQs 398–402: "any entity owned in the aggregate, directly or
 *   indirectly, 50 percent or more by one or more blocked persons is itself
 *   considered to be a blocked person"; the stakes of all blocked persons are
 *   aggregated, whatever program blocked them (FAQ 399). FAQ 401: "indirectly" means ownership
 *   through entities that are themselves 50% or more owned by blocked persons,
 *   and such an entity passes on its whole stake, not a product of
 *   percentages. The rule is about ownership only: an entity a blocked person
 *   controls but owns less than 50% of is not blocked by operation of law
 *   (FAQ 398; OFAC urges caution with such entities).
 *
 * EU:
 *   Council, "EU Best Practices for the effective implementation of
 *   restrictive measures" — the ownership and control criteria. The 2022
 *   edition read "possession of more than 50% of the proprietary rights of an
 *   entity or having majority interest in it"; the update of 3 July 2024
 *   (announced in recital 28 of Regulation (EU) 2024/1745) reads "50% or more"
 *   and says that the holdings of several designated persons are aggregated
 *   (example: 30% and 25% held by two listed persons → owned by listed
 *   persons). The Commission's FAQ on Regulation 269/2014 (asset freeze, 2022)
 *   already aggregated. Control counts: among the Best Practices' criteria,
 *   the right to appoint or remove a majority of the board, control of a
 *   majority of voting rights, a dominant influence by agreement, and others.
 *   `eu` is the current edition; `EU_BEFORE_JULY_2024` keeps the strict test.
 *
 * UK (OFSI):
 *   Sanctions regulations made under the Sanctions and Anti-Money Laundering
 *   Act 2018 (e.g. the Russia (Sanctions) (EU Exit) Regulations 2019, reg. 7)
 *   and OFSI's "General guidance for financial sanctions", chapter 4
 *   (ownership and control): a person owns or controls an entity if they hold,
 *   directly or indirectly, more than 50% of the shares or voting rights, have
 *   the right to appoint or remove a majority of the board, or it is
 *   reasonable to expect that they could ensure the entity's affairs are
 *   conducted in accordance with their wishes. On aggregation, paragraph 4.14
 *   (March 2022): OFSI "would not simply aggregate different designated
 *   persons' holdings in a company, unless, for example, the shares or rights
 *   are subject to a joint arrangement between the designated parties or one
 *   party controls the rights of another". So `uk` assesses each designated
 *   person separately (`per_person`) by default; use `{ ...RULES.uk,
 *   aggregation: 'aggregate' }` where a joint arrangement is established or for
 *   the conservative view.
 */
import { SextantError } from '../errors.ts';

export type OwnershipRule = 'ofac' | 'eu' | 'uk';

/**
 * - `aggregate`: the stakes of all blocked owners in an entity are summed
 *   (OFAC; EU).
 * - `per_person`: each designated person's holdings are assessed on their own:
 *   an entity is blocked if one designated person, directly or through
 *   entities that person owns or controls under the same rule, passes the
 *   threshold (OFSI 4.14).
 */
export type Aggregation = 'aggregate' | 'per_person';

export interface RuleConfig {
  /** Name shown in explanations ("ofac", "eu", "uk", or a custom name). */
  name: string;
  /** The ownership threshold in percent, e.g. 50. */
  thresholdPercent: number;
  /** true: "threshold or more" (≥); false: "more than threshold" (>). */
  inclusive: boolean;
  /** Whether a control relationship from a blocked person blocks on its own. */
  control: boolean;
  aggregation: Aggregation;
}

export const RULES: Readonly<Record<OwnershipRule, Readonly<RuleConfig>>> = Object.freeze({
  ofac: Object.freeze({ name: 'ofac', thresholdPercent: 50, inclusive: true, control: false, aggregation: 'aggregate' as const }),
  eu: Object.freeze({ name: 'eu', thresholdPercent: 50, inclusive: true, control: true, aggregation: 'aggregate' as const }),
  uk: Object.freeze({ name: 'uk', thresholdPercent: 50, inclusive: false, control: true, aggregation: 'per_person' as const }),
});

/** The EU test as the Best Practices wrote it until 3 July 2024: more than 50%. */
export const EU_BEFORE_JULY_2024: Readonly<RuleConfig> = Object.freeze({
  name: 'eu_before_july_2024',
  thresholdPercent: 50,
  inclusive: false,
  control: true,
  aggregation: 'aggregate',
});

/** A rule by name, or a custom rule checked for sense. */
export function resolveRule(rule: OwnershipRule | RuleConfig): RuleConfig {
  if (typeof rule === 'string') {
    const preset = RULES[rule];
    if (!preset) throw new SextantError('bad_request', `unknown ownership rule "${rule}" (expected one of ${Object.keys(RULES).join(', ')})`);
    return { ...preset };
  }
  const t = rule.thresholdPercent;
  if (!Number.isFinite(t) || t <= 0 || t > 100) {
    throw new SextantError('config_invalid', `ownership rule "${rule.name}": thresholdPercent must be in (0, 100], got ${t}`);
  }
  if (!rule.inclusive && t >= 100) throw new SextantError('config_invalid', `ownership rule "${rule.name}": nothing is more than 100%`);
  if (rule.aggregation !== 'aggregate' && rule.aggregation !== 'per_person') {
    throw new SextantError('config_invalid', `ownership rule "${rule.name}": aggregation must be "aggregate" or "per_person"`);
  }
  return { ...rule };
}
