/**
 * Alerts (FORMATS.md §6): what an indicator found, about whom, when, on which
 * input records and why. An indicator returns drafts; the service gives each a
 * stable id from its indicator and key, so that re-running detection on the
 * same data updates the same alert rather than adding a copy.
 */
import { createHash } from 'node:crypto';
import type { EvidenceRef } from './inputs.ts';

export interface AlertSubject {
  id: string;
  schema: string;
  name: string;
  /** Every strong identifier known: imo, mmsi, account, registration, lei, hs6, declaration, txn. */
  identifiers: Record<string, string>;
}

export interface AlertWindow {
  start: string;
  end: string;
}

/** What an indicator returns. */
export interface AlertDraft {
  indicator: string;
  /** What makes this alert the same alert on a re-run (e.g. MMSI and gap start). */
  key: string;
  /** 0–1. */
  score: number;
  subjects: AlertSubject[];
  window: AlertWindow;
  evidence: EvidenceRef[];
  explanation: string;
  /** Measured values behind the explanation (distances, durations, speeds), for reviewers and triangulation. */
  details?: Record<string, unknown>;
}

export const ALERT_STATUSES = ['new', 'triaged', 'dismissed', 'escalated'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** An alert as stored and served: FORMATS.md §6 plus status and bookkeeping (extensions, never renames). */
export interface Alert {
  id: string;
  indicator: string;
  score: number;
  subjects: AlertSubject[];
  window: AlertWindow;
  evidence: Array<{ source: string; record: string; agency: string; note: string }>;
  explanation: string;
  status: AlertStatus;
  /** The marking of the alert: the most restrictive of its evidence's markings. */
  marking: string;
  details: Record<string, unknown>;
  firstSeen: string;
  lastSeen: string;
}

/** Stable alert id: indicator and key, hashed (ids must not leak the key's content). */
export function alertId(indicator: string, key: string): string {
  return 'al-' + createHash('sha256').update(`${indicator}\u0000${key}`).digest('hex').slice(0, 24);
}

/** Evidence as printed: the policy's bookkeeping (dataset, marking, schema) stays inside. */
export function publicEvidence(e: EvidenceRef[]): Alert['evidence'] {
  return e.map((x) => ({ source: x.source, record: x.record, agency: x.agency, note: x.note }));
}

/** Distinct (dataset, agency, marking, schema) classes of an alert's evidence: what a viewer must be allowed to see. */
export function evidenceClasses(e: EvidenceRef[]): Array<{ dataset: string; agency: string; marking: string; schema: string }> {
  const seen = new Map<string, { dataset: string; agency: string; marking: string; schema: string }>();
  for (const x of e) {
    const k = `${x.dataset}\u0000${x.agency}\u0000${x.marking}\u0000${x.schema}`;
    if (!seen.has(k)) seen.set(k, { dataset: x.dataset, agency: x.agency, marking: x.marking, schema: x.schema });
  }
  return [...seen.values()].sort((a, b) => (a.dataset + a.agency + a.marking + a.schema).localeCompare(b.dataset + b.agency + b.marking + b.schema));
}

/** Round to 3 decimals: scores are read by people and compared across runs. */
export function roundScore(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}
