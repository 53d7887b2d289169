import type { Command } from 'commander';
import { ownershipReport, OwnershipService } from '../graph/service.ts';
import { requireCapability } from '../policy/viewer.ts';
import { profileFrom } from './detect.ts';
import { printJson } from './output.ts';
import { withSession, type CliContext } from './session.ts';

/** `sextant ownership ID`: per authority of the profile, whether the entity is blocked and the stakes that make it so. */
export async function runOwnership(ctx: CliContext, id: string, flags: { profile?: string; json?: boolean }): Promise<void> {
  const profile = profileFrom(flags.profile);
  await withSession(ctx, async ({ store, gov, viewer, scope }) => {
    requireCapability(viewer, 'data:read');
    const world = await new OwnershipService(store, { screenNames: true }).load(await scope());
    const report = ownershipReport(world, id, profile.authorities);
    await gov.auditRead(viewer, 'ownership.read', { entities: [id, ...new Set(report.paths.map((p) => p.seed))] });
    if (flags.json) return printJson(report);
    process.stdout.write(`${report.name} (${id})\n`);
    for (const [authority, status] of Object.entries(report.status)) process.stdout.write(`  ${authority.padEnd(8)} ${status.replace('_', ' ')}\n`);
    if (!world.schemata.has(id)) process.stdout.write('  no stakes you may see name this entity\n');
    for (const p of report.paths) {
      const chain = p.steps.map((s) => `${world.names.get(s.owner) ?? s.owner} —${s.display}→ ${world.names.get(s.asset) ?? s.asset}`).join(', ');
      process.stdout.write(`  ${p.authority}: ${chain}\n`);
    }
    for (const d of report.designations) process.stdout.write(`  designated: ${world.names.get(d.id) ?? d.id} — ${d.reason}\n`);
  });
}

export function addOwnershipCommand(program: Command, context: (cmd: Command) => CliContext): void {
  program
    .command('ownership <id>')
    .description('whether an entity is blocked under each authority\'s ownership rule of the profile (OFAC 50%, EU, UK), with the paths of stakes from designated owners')
    .option('--profile <file>', 'community profile (JSON) naming the authorities and their rules')
    .option('--json', '{"id","blocked":{"<authority>":true|false},"paths":[{"authority","rule","seed","steps"}], "status", "designations", "name"}')
    .action(async (id: string, opts: { profile?: string; json?: boolean }, cmd: Command) => runOwnership(context(cmd), id, opts));
}
