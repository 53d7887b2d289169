import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Governance } from '../policy/index.ts';
import { parseMarking, type Ladder } from '../policy/markings.ts';
import type { Viewer } from '../policy/viewer.ts';
import { ingest, type IngestSummary } from '../readers/ingest.ts';
import type { Store } from '../store/index.ts';
import type { Manifest } from './index.ts';

/**
 * Loading a simulated world into a store as an exercise runs it: each agency
 * of the manifest created on the node, each file ingested under the agency
 * that holds it with its suggested marking, and a task-force agreement so the
 * operator's agency sees the AMBER payments and declarations the banks and
 * customs services hold. `sextant demo` and `npm run eval -- detection` both
 * load worlds this way; neither prints from here (callers say what they like).
 */

/** One manifest file as loaded: where it went (dataset) and what the reader made of it. */
export interface LoadedFile {
  path: string;
  format: string;
  agency: string;
  marking: string | undefined;
  dataset: string;
  summary: IngestSummary;
}

export interface LoadOptions {
  /** Classification ladder markings are checked against (config.governance.levels). */
  ladder: Ladder;
  /** Where rejected records go (config.quarantineDir). */
  quarantineDir: string;
  /** Called after each file, in manifest order. */
  onFile?: (file: LoadedFile) => void;
  /** Extra details of the audit entry recording the load (default `{ world: dir }`). */
  auditDetails?: Record<string, unknown>;
}

export interface LoadedWorld {
  files: LoadedFile[];
  /** Records refused, over every file. */
  rejected: number;
}

/**
 * Create the manifest's agencies that the node does not know yet, then ingest
 * every file of the manifest (paths relative to `dir`) under its agency and
 * marking, and record the load in the audit log as `operator`, who must be a
 * node administrator.
 */
export async function ingestWorld(store: Store, gov: Governance, operator: Viewer, dir: string, manifest: Manifest, opts: LoadOptions): Promise<LoadedWorld> {
  const known = new Set((await gov.identity.listAgencies()).map((a) => a.id));
  for (const a of manifest.agencies) {
    if (!known.has(a.id)) await gov.identity.createAgency(operator, { id: a.id, name: a.name, country: a.country, sector: a.sector });
  }
  const files: LoadedFile[] = [];
  let rejected = 0;
  for (const f of manifest.files) {
    const summary = await ingest(store, {
      path: join(dir, f.path),
      format: f.format,
      agency: f.agency,
      ...(f.marking ? { marking: f.marking } : {}),
      ladder: opts.ladder,
      quarantineDir: opts.quarantineDir,
    });
    rejected += summary.rejected;
    const loaded: LoadedFile = { path: f.path, format: f.format, agency: f.agency, marking: f.marking, dataset: summary.dataset, summary };
    files.push(loaded);
    opts.onFile?.(loaded);
  }
  await gov.audit.append({ actor: operator.username, agency: operator.agencyId, action: 'ingest', purpose: operator.purpose, details: { ...(opts.auditDetails ?? { world: dir }), files: manifest.files.length } });
  return { files, rejected };
}

/** The agreement formTaskForce made: its id, the agencies sharing, the datasets shared (one per AMBER file, in manifest order). */
export interface TaskForce {
  agreementId: string;
  holders: string[];
  datasets: string[];
}

/**
 * The exercise's agencies hold their payments and declarations AMBER: the
 * operator's agency sees them only under a sharing agreement. Form one — a
 * task force of every other holder of AMBER data and the operator's agency,
 * for the operator's purpose — and have each holder's supervisor (created
 * here, with a password nobody is told) approve it, as each agency would.
 * Null when no other agency holds AMBER data.
 */
export async function formTaskForce(gov: Governance, operator: Viewer, files: ReadonlyArray<Pick<LoadedFile, 'agency' | 'dataset' | 'marking'>>, ladder: Ladder): Promise<TaskForce | null> {
  const amber = files.filter((h) => h.agency !== operator.agencyId && h.marking && parseMarking(h.marking, ladder).tlp === 'AMBER');
  if (amber.length === 0) return null;
  const holders = [...new Set(amber.map((h) => h.agency))].sort();
  const known = new Set((await gov.identity.listUsers(operator)).map((u) => u.username));
  const approvers: Viewer[] = [];
  for (const agency of holders) {
    const username = `${agency}-supervisor`.slice(0, 64);
    if (!known.has(username)) await gov.identity.createUser(operator, { username, agency, roles: ['supervisor'], password: randomBytes(24).toString('base64url') });
    approvers.push(await gov.identity.cliViewer(username, operator.purpose));
  }
  const agreement = await gov.agreements.create(operator, {
    name: 'Exercise task force: payments and declarations for triangulation',
    parties: [operator.agencyId, ...holders],
    categories: [...new Set(amber.map((h) => h.dataset))].map((dataset) => ({ dataset })),
    purposes: [operator.purpose],
    maxTlp: 'AMBER',
  });
  await gov.agreements.approve(operator, agreement.id);
  for (const a of approvers) await gov.agreements.approve(a, agreement.id);
  return { agreementId: agreement.id, holders, datasets: amber.map((h) => h.dataset) };
}

/** ingestWorld, then formTaskForce: the world loaded and visible to the operator as in an exercise. */
export async function loadExercise(
  store: Store,
  gov: Governance,
  operator: Viewer,
  dir: string,
  manifest: Manifest,
  opts: LoadOptions,
): Promise<LoadedWorld & { taskForce: TaskForce | null }> {
  const loaded = await ingestWorld(store, gov, operator, dir, manifest, opts);
  const taskForce = await formTaskForce(gov, operator, loaded.files, opts.ladder);
  return { ...loaded, taskForce };
}
