/**
 * ownership.blocked_by_aggregation — an entity that is not itself designated
 * but is blocked (or possibly blocked, when stakes are given as ranges) under an
 * authority's ownership rule through the stakes of designated owners: the OFAC
 * 50 Percent Rule, the EU and UK ownership-and-control tests (src/graph).
 */
import type { AlertDraft, AlertSubject } from '../alert.ts';
import { num, type Indicator } from '../indicator.ts';
import type { EvidenceRef } from '../inputs.ts';

export const blockedByAggregation: Indicator = {
  appliesRule: true,
  code: 'ownership.blocked_by_aggregation',
  title: 'Blocked through the ownership of designated persons',
  definition:
    'An entity that is not on a list but that designated persons own, directly or through blocked intermediaries, at or above the rule of an ' +
    'authority of the profile (OFAC: 50% or more in the aggregate; EU: 50% or more, or control; UK: more than 50% per person, or control). ' +
    'Ranges are read conservatively: low bounds make it blocked, high bounds possibly blocked.',
  sources: [
    { name: 'OFAC: Revised Guidance on Entities Owned by Persons Whose Property and Interests in Property Are Blocked (2014), FAQ 401' },
    { name: 'Council of the EU: Best practices for the effective implementation of restrictive measures (update of July 2024)' },
    { name: 'OFSI: UK financial sanctions general guidance, ownership and control (4.14)' },
  ],
  params: {
    blocked_score: { type: 'number', default: 0.9, min: 0, max: 1, description: 'score of an entity blocked on the low bounds' },
    possible_score: { type: 'number', default: 0.55, min: 0, max: 1, description: 'score of an entity blocked only on the high bounds of ranges' },
  },
  inputs: ['ownership'],
  run(inputs, params): AlertDraft[] {
    const world = inputs.ownership;
    if (!world) return [];
    const designated = new Set(world.designations.map((d) => d.id));
    const asOf = new Date().toISOString().slice(0, 10) + 'T00:00:00.000Z';
    const out: AlertDraft[] = [];
    const rules = new Map<string, string[]>();
    for (const [authority, rule] of Object.entries(inputs.profile.authorities)) rules.set(rule, [...(rules.get(rule) ?? []), authority]);
    for (const [rule, authorities] of rules) {
      const set = world.blocked(rule as 'ofac' | 'eu' | 'uk');
      for (const id of [...set.blocked(), ...set.possiblyBlocked()]) {
        if (designated.has(id)) continue;
        const e = set.explain(id, { maxPaths: 10 });
        const evidence: EvidenceRef[] = [];
        const seen = new Set<string>();
        for (const p of e.paths) {
          for (const step of p.steps) {
            for (const rec of step.records) {
              const src = world.sources.get(rec);
              if (!src || seen.has(rec)) continue;
              seen.add(rec);
              evidence.push({
                source: src.dataset,
                record: src.record,
                agency: src.agency,
                note: `${world.names.get(step.owner) ?? step.owner} holds ${step.display} of ${world.names.get(step.asset) ?? step.asset}`,
                dataset: src.dataset,
                marking: src.marking,
                schema: 'Ownership',
              });
            }
          }
        }
        if (evidence.length === 0) continue;
        const seeds = [...new Set(e.paths.map((p) => p.seed))];
        const subject = (x: string): AlertSubject => ({ id: x, schema: world.schemata.get(x) ?? 'LegalEntity', name: world.names.get(x) ?? x, identifiers: {} });
        const links = world.designations.filter((d) => seeds.includes(d.id));
        const chain = e.paths[0]!.steps.map((s) => `${world.names.get(s.owner) ?? s.owner} → ${s.display}`).join(' → ');
        out.push({
          indicator: 'ownership.blocked_by_aggregation',
          key: `${rule}:${id}`,
          score: e.status === 'blocked' ? num(params, 'blocked_score') : num(params, 'possible_score'),
          subjects: [subject(id), ...seeds.map(subject)],
          // A status as of the run: the stakes carry no time span the rule could be placed in.
          window: { start: asOf, end: asOf },
          evidence,
          explanation:
            `${world.names.get(id) ?? id} is ${e.status.replace('_', ' ')} under ${authorities.join(', ')} (${rule}: ${e.threshold}, ${e.bound ?? ''} bounds): ` +
            `${chain} → ${world.names.get(id) ?? id}; designated: ${links.map((l) => `${world.names.get(l.id) ?? l.id} (${l.reason})`).join('; ')}`,
          details: { rule, authorities, status: e.status, holdings: e.holdings.map((h) => ({ seed: h.seed, low: h.low, high: h.high, controlled: h.controlled })), seeds },
        });
      }
    }
    return out;
  },
};
