/**
 * Ownership and control: who is blocked because of whom (the OFAC 50 Percent
 * Rule, the EU and UK ownership-and-control tests), effective ownership along
 * chains, and ultimate owners. The entry point of src/graph for ownership;
 * docs/OWNERSHIP.md explains the rules with their sources.
 *
 * API
 *
 *   parsePercentage(text): PercentageParse
 *       "51", "12.5", "25-50", "25–50", ">50", "<25", "50%", PSC codes… →
 *       { ok, low, high, exact, lowExclusive, highExclusive } or { ok: false, reason }.
 *   stakeBounds(values): StakeBounds
 *       an Ownership record's percentage values → bounds; nothing readable →
 *       [0, 100] flagged unknown (possibly, never certainly, blocking).
 *
 *   new OwnershipGraph(nodes: {id, schema}[], stakes: Stake[], controls?: Control[], options?)
 *       Stake   { id, owner, asset, low, high, exact, lowExclusive?, highExclusive? }  (percent)
 *       Control { id, controller, entity, kind }
 *     stakeOf(id, owner, asset, percentage)   an Ownership record → Stake (+ unknown, reason)
 *     OwnershipGraph.fromColumns(columns)     the same from dense node numbers and typed
 *                                             arrays, for millions of stakes (no string lookups)
 *     .effectiveOwnership(entity, {maxDepth?, maxPaths?}): EffectiveOwnership
 *     .ultimateOwners(entity, {maxDepth?, maxPaths?}): UltimateOwners
 *     .ownersOf(id) / .holdingsOf(id): Step[]   direct stakes
 *
 *   RULES.ofac | RULES.eu | RULES.uk, EU_BEFORE_JULY_2024, or a RuleConfig
 *       { name, thresholdPercent, inclusive, control, aggregation: 'aggregate' | 'per_person' }
 *
 *   new BlockedSet(graph, rule: 'ofac' | 'eu' | 'uk' | RuleConfig, seeds: Iterable<string>)
 *     .status(id): 'blocked' | 'possibly_blocked' | 'not_blocked'
 *     .explain(id, {maxPaths?}): Explanation   holdings that sum to the threshold, and the
 *                                              paths of stakes from designated nodes down to id
 *     .designate(id): StatusChange[]           incremental; {id, before, after} per changed entity
 *     .delist(id): StatusChange[]
 *     .blocked() / .possiblyBlocked() / .designated(): Iterable<string>
 *     .counts()
 *
 * Semantics in one paragraph: an entity is blocked when the stakes held in it
 * by blocked owners add up to the threshold (OFAC and EU: 50% or more; UK:
 * more than 50%), or — EU and UK — a blocked person controls it. Blocked
 * intermediaries pass on their whole stake; unblocked ones pass on nothing.
 * Ranges are read conservatively: low bounds decide "blocked", high bounds
 * "possibly blocked". Cycles cannot block themselves (least fixpoint).
 */
export { formatPercentage, parsePercentage, stakeBounds, type PercentageParse, type PercentageRange, type StakeBounds } from './percentage.ts';
export {
  OwnershipGraph,
  stakeOf,
  FULL_UNITS,
  UNITS_PER_PERCENT,
  type Control,
  type EffectiveOwner,
  type EffectiveOwnership,
  type GraphColumns,
  type GraphOptions,
  type OwnershipNode,
  type Stake,
  type Step,
  type TraversalOptions,
  type UltimateOwners,
} from './ownership-graph.ts';
export { EU_BEFORE_JULY_2024, RULES, resolveRule, type Aggregation, type OwnershipRule, type RuleConfig } from './rules.ts';
export { BlockedSet, type Contribution, type ExplainOptions, type Explanation, type Holding, type Path, type Status, type StatusChange } from './blocked-set.ts';
