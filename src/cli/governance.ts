import { readFile } from 'node:fs/promises';
import { SextantError } from '../errors.ts';
import { keyedHash, type AgreementInput } from '../policy/agreements.ts';
import { canonicalMarking } from '../policy/markings.ts';
import { prepareRelease } from '../policy/release.ts';
import { requireCapability } from '../policy/viewer.ts';
import { exportEntities } from '../store/export.ts';
import { writeLines } from './entities.ts';
import { printJson, printTable } from './output.ts';
import { withSession, type CliContext as Ctx } from './session.ts';

/** `sextant agency|user|token|agreement|audit|retention …`: the same services as the HTTP routes. */

export async function runAgencyAdd(ctx: Ctx, id: string, opts: { name: string; country: string; sector: string; defaultMarking?: string; json?: boolean }) {
  await withSession(ctx, async ({ gov, viewer }) => {
    const a = await gov.identity.createAgency(viewer, { id, name: opts.name, country: opts.country, sector: opts.sector, defaultMarking: opts.defaultMarking });
    if (opts.json) return printJson(a);
    process.stdout.write(`agency ${a.id} added (${a.name}, ${a.country}, ${a.sector}; default marking ${a.default_marking})\n`);
  });
}

export async function runAgencyList(ctx: Ctx, opts: { json?: boolean }) {
  await withSession(ctx, async ({ gov }) => {
    const rows = await gov.identity.listAgencies();
    if (opts.json) return printJson(rows);
    printTable(['id', 'name', 'country', 'sector', 'default marking'], rows.map((a) => [a.id, a.name, a.country, a.sector, a.default_marking]));
  });
}

export async function runUserAdd(ctx: Ctx, username: string, opts: { agency?: string; roles: string[]; clearance?: string; name?: string; json?: boolean }) {
  await withSession(ctx, async ({ gov, viewer }) => {
    const r = await gov.identity.createUser(viewer, { username, agency: opts.agency, roles: opts.roles, clearance: opts.clearance, displayName: opts.name });
    if (opts.json) return printJson(r);
    process.stdout.write(`user ${r.user.username} added to ${r.user.agency} as ${r.user.roles.join(', ')} (clearance ${r.user.clearance})\n`);
    if (r.oneTimePassword) process.stdout.write(`one-time password (shown only now; it must be changed at first sign-in): ${r.oneTimePassword}\n`);
  });
}

export async function runUserList(ctx: Ctx, opts: { agency?: string; json?: boolean }) {
  await withSession(ctx, async ({ gov, viewer }) => {
    const rows = await gov.identity.listUsers(viewer, opts.agency);
    if (opts.json) return printJson(rows);
    printTable(['user', 'agency', 'roles', 'clearance', 'state'], rows.map((u) => [u.username, u.agency, u.roles.join(','), u.clearance, u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active']));
  });
}

export async function runUserUpdate(ctx: Ctx, username: string, opts: { roles?: string[]; clearance?: string; disable?: boolean; enable?: boolean; json?: boolean }) {
  if (opts.disable && opts.enable) throw new SextantError('bad_request', 'give --disable or --enable, not both', { field: 'disable' });
  await withSession(ctx, async ({ gov, viewer }) => {
    const u = await gov.identity.updateUser(viewer, username, {
      roles: opts.roles,
      clearance: opts.clearance,
      disabled: opts.disable ? true : opts.enable ? false : undefined,
    });
    if (opts.json) return printJson(u);
    process.stdout.write(`user ${u.username}: ${u.roles.join(', ')}; clearance ${u.clearance}; ${u.disabled ? 'disabled' : 'active'}\n`);
  });
}

export async function runUserResetPassword(ctx: Ctx, username: string, opts: { json?: boolean }) {
  await withSession(ctx, async ({ gov, viewer }) => {
    const r = await gov.identity.changePassword(viewer, username, {});
    if (opts.json) return printJson(r);
    process.stdout.write(`one-time password for ${username} (shown only now; sessions ended, lock-out lifted): ${r.oneTimePassword}\n`);
  });
}

export async function runTokenCreate(ctx: Ctx, name: string, opts: { scopes: string[]; days?: number; json?: boolean }) {
  await withSession(ctx, async ({ gov, viewer }) => {
    const r = await gov.identity.createToken(viewer, { name, scopes: opts.scopes, expiresInDays: opts.days });
    if (opts.json) return printJson(r);
    process.stdout.write(`token ${r.info.id} for ${r.info.username}, scopes ${r.info.scopes.join(', ')}, expires ${r.info.expiresAt}\n${r.token}\n(shown only now; only its hash is kept)\n`);
  });
}

export async function runTokenList(ctx: Ctx, opts: { user?: string; json?: boolean }) {
  await withSession(ctx, async ({ gov, viewer }) => {
    const rows = await gov.identity.listTokens(viewer, opts.user);
    if (opts.json) return printJson(rows);
    printTable(['id', 'name', 'user', 'scopes', 'expires', 'state'], rows.map((t) => [t.id, t.name, t.username, t.scopes.join(','), t.expiresAt.slice(0, 10), t.revokedAt ? 'revoked' : new Date(t.expiresAt) <= new Date() ? 'expired' : 'active']));
  });
}

export async function runTokenRevoke(ctx: Ctx, id: string) {
  await withSession(ctx, async ({ gov, viewer }) => {
    await gov.identity.revokeToken(viewer, id);
    process.stdout.write(`token ${id} revoked\n`);
  });
}

async function readAgreementFile(path: string): Promise<AgreementInput> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SextantError('io_error', `cannot read ${path}: ${(err as Error).message}`, { file: path });
  }
  try {
    return JSON.parse(text) as AgreementInput;
  } catch (err) {
    throw new SextantError('bad_request', `${path} is not valid JSON: ${(err as Error).message}`, { file: path });
  }
}

export async function runAgreementCreate(ctx: Ctx, file: string, opts: { json?: boolean }) {
  const input = await readAgreementFile(file);
  await withSession(ctx, async ({ gov, viewer }) => {
    const a = await gov.agreements.create(viewer, input);
    if (opts.json) return printJson(a);
    process.stdout.write(`agreement ${a.id} drafted between ${a.parties.join(', ')}; each party's data flows once that party approves (sextant agreement approve ${a.id})\n`);
  });
}

export async function runAgreementList(ctx: Ctx, opts: { json?: boolean }) {
  await withSession(ctx, async ({ gov, viewer }) => {
    const rows = await gov.agreements.list(viewer);
    if (opts.json) return printJson(rows);
    printTable(
      ['id', 'name', 'parties', 'approved by', 'purposes', 'ceiling', 'valid', 'state'],
      rows.map((a) => [a.id, a.name, a.parties.join(','), a.approvals.map((x) => x.agency).join(','), a.purposes.join(','), `TLP:${a.maxTlp}/${a.maxLevel}`, `${a.validFrom}…${a.validUntil ?? ''}`, a.revokedAt ? 'revoked' : 'active']),
    );
  });
}

export async function runAgreementShow(ctx: Ctx, id: string) {
  await withSession(ctx, async ({ gov, viewer }) => printJson(await gov.agreements.get(viewer, id)));
}

export async function runAgreementApprove(ctx: Ctx, id: string, opts: { json?: boolean }) {
  await withSession(ctx, async ({ gov, viewer }) => {
    const a = await gov.agreements.approve(viewer, id);
    if (opts.json) return printJson(a);
    process.stdout.write(`agreement ${id} approved for ${viewer.agencyId}; approved by ${a.approvals.map((x) => x.agency).join(', ')}\n`);
  });
}

export async function runAgreementRevoke(ctx: Ctx, id: string) {
  await withSession(ctx, async ({ gov, viewer }) => {
    await gov.agreements.revoke(viewer, id);
    process.stdout.write(`agreement ${id} revoked: nothing flows under it any more\n`);
  });
}

/** The keyed hash of a value under an agreement, as partners receive minimised identifiers. */
export async function runAgreementHash(ctx: Ctx, id: string, values: string[], opts: { type: string }) {
  await withSession(ctx, async ({ gov, viewer }) => {
    const key = await gov.agreements.hashKey(viewer, id);
    for (const v of values) process.stdout.write(`${keyedHash(key, v, opts.type)}\t${v}\n`);
  });
}

export async function runAgreementExport(ctx: Ctx, id: string, opts: { to: string; dataset?: string }) {
  await withSession(ctx, async ({ store, gov, viewer }) => {
    requireCapability(viewer, 'share');
    const release = await prepareRelease(gov, viewer, id, opts.to);
    const details = { agreement: id, partner: opts.to, dataset: opts.dataset ?? null };
    await writeLines(
      gov.auditedStream(viewer, 'share.export', details, exportEntities(store, opts.dataset ?? null, release.see), () => ({
        statements: release.statements,
        entities: [...release.entities],
      })),
    );
    process.stderr.write(`${release.entities.size} entities, ${release.statements} statements released to ${opts.to} under ${id}; audited\n`);
  });
}

export async function runAuditVerify(ctx: Ctx, opts: { anchor?: string; json?: boolean }) {
  let anchor: { seq: number; hash: string } | undefined;
  if (opts.anchor) {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(opts.anchor);
    if (!m) throw new SextantError('bad_request', '--anchor is SEQ:HASH as printed by an earlier verify (64 hex digits)', { field: 'anchor' });
    anchor = { seq: Number(m[1]), hash: m[2]! };
  }
  await withSession(ctx, async ({ gov, viewer }) => {
    requireCapability(viewer, 'audit:read');
    const v = await gov.audit.verify(anchor ? { anchor } : undefined);
    if (opts.json) printJson(v);
    else if (v.ok) {
      process.stdout.write(`audit chain intact: ${v.records} records, ${v.checkpoints} checkpoints; head ${v.head ? `${v.head.seq}:${v.head.hash}` : '(empty)'}\n`);
      process.stdout.write('keep the head outside this node and pass it as --anchor next time, so that a cut-off tail is detected too\n');
    } else {
      process.stdout.write(`audit chain BROKEN at record ${v.firstBreak?.seq}: ${v.firstBreak?.message}\n`);
      for (const b of v.breaks.slice(1, 20)) process.stdout.write(`  record ${b.seq}: ${b.kind}: ${b.message}\n`);
    }
    if (!v.ok) process.exitCode = 1;
  });
}

export async function runAuditLog(
  ctx: Ctx,
  opts: { entity?: string; actor?: string; action?: string; partner?: string; agency?: string; since?: string; until?: string; limit: number; offset: number; json?: boolean },
) {
  await withSession(ctx, async ({ gov, viewer }) => {
    requireCapability(viewer, 'audit:read');
    const { json: _json, ...filter } = opts;
    const only = await gov.auditScope(viewer);
    const r =
      only !== null && filter.agency !== undefined && filter.agency !== only
        ? { total: 0, records: [] }
        : await gov.audit.query({ ...filter, agency: only ?? filter.agency, action: opts.action?.split(',') });
    await gov.auditRead(viewer, 'audit.query', { filter });
    if (opts.json) return printJson(r);
    process.stdout.write(`${r.total} record${r.total === 1 ? '' : 's'}\n`);
    printTable(['seq', 'at', 'actor', 'agency', 'action', 'purpose', 'details'], r.records.map((x) => [x.seq, x.at, x.actor, x.agency, x.action, x.purpose, JSON.stringify(x.details).slice(0, 120)]));
  });
}

export async function runRetention(ctx: Ctx, opts: { dryRun?: boolean; json?: boolean }) {
  await withSession(ctx, async ({ gov, viewer }) => {
    const items = opts.dryRun ? await gov.retention.plan(viewer) : await gov.retention.run(viewer);
    if (opts.json) return printJson({ dryRun: opts.dryRun === true, items });
    if (items.length === 0) return void process.stdout.write('nothing is past its retention\n');
    process.stdout.write(opts.dryRun ? 'would purge:\n' : 'purged:\n');
    printTable(['dataset', 'statements', 'entities', 'cutoff', 'why'], items.map((i) => [i.dataset, i.statements, i.entities, i.cutoff, i.reason]));
  });
}

export async function runRetentionSet(ctx: Ctx, dataset: string, days: string) {
  const n = days === 'none' ? null : Number(days);
  if (n !== null && (!Number.isInteger(n) || n < 1 || n > 36500)) throw new SextantError('bad_request', 'DAYS is a whole number from 1 to 36500, or "none"', { field: 'days' });
  await withSession(ctx, async ({ store, gov, viewer }) => {
    requireCapability(viewer, 'retention:run');
    const ds = await store.lists.dataset(dataset);
    // Another agency's dataset is reported as missing.
    if (!ds || ds.agency !== viewer.agencyId) throw new SextantError('not_found', `no dataset ${dataset} held by ${viewer.agencyId}`, { dataset });
    await store.lists.setGovernance(dataset, { retention_days: n });
    await gov.audit.append({ actor: viewer.username, agency: viewer.agencyId, action: 'retention.set', purpose: viewer.purpose, details: { dataset, days: n } });
    process.stdout.write(n === null ? `${dataset}: kept until removed\n` : `${dataset}: data not seen for ${n} days is purged by sextant retention run\n`);
  });
}

/** The default marking of a dataset the user's agency holds: what later ingests get unless --marking says otherwise. */
export async function runDatasetSet(ctx: Ctx, dataset: string, opts: { defaultMarking?: string }) {
  if (opts.defaultMarking === undefined) throw new SextantError('bad_request', 'give --default-marking', { field: 'defaultMarking' });
  await withSession(ctx, async ({ store, gov, viewer }) => {
    requireCapability(viewer, 'data:write');
    const ds = await store.lists.dataset(dataset);
    if (!ds || ds.agency !== viewer.agencyId) throw new SextantError('not_found', `no dataset ${dataset} held by ${viewer.agencyId}`, { dataset });
    const marking = canonicalMarking(opts.defaultMarking!, ctx.config.governance.levels);
    await store.lists.setGovernance(dataset, { default_marking: marking });
    await gov.audit.append({ actor: viewer.username, agency: viewer.agencyId, action: 'dataset.set', purpose: viewer.purpose, details: { dataset, defaultMarking: marking } });
    process.stdout.write(`${dataset}: later ingests are marked ${marking} unless --marking says otherwise (statements already stored keep theirs until re-ingested)\n`);
  });
}
