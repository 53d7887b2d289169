import type { Config } from '../config.ts';
import { Governance } from '../policy/index.ts';
import type { ReadScope } from '../policy/scope.ts';
import type { Viewer } from '../policy/viewer.ts';
import type { Store } from '../store/index.ts';

/**
 * What a command runs with. The CLI acts as a named user of the node (`--as`,
 * default the bootstrapped administrator): whoever runs it holds the database
 * files or URL anyway, so this does not authenticate; it fixes whose rights
 * the policy applies and whose name the audit log records.
 */
export interface CliContext {
  config: Config;
  /** User the command acts as, and the purpose it declares. */
  as: string;
  purpose: string;
  open: () => Promise<Store>;
}

export interface CliSession {
  store: Store;
  gov: Governance;
  viewer: Viewer;
  scope: () => Promise<ReadScope>;
}

/**
 * Open the store; on a new store, create the home agency and its administrator
 * and print the one-time password (on stderr, so that --json output stays clean).
 */
export async function openGoverned(ctx: CliContext): Promise<{ store: Store; gov: Governance }> {
  const store = await ctx.open();
  try {
    const gov = new Governance(store, ctx.config.governance);
    const boot = await gov.identity.bootstrap();
    if (boot) {
      process.stderr.write(
        `sextant: new store — created agency "${boot.agency}" and administrator "${boot.username}".\n` +
          `sextant: one-time password for ${boot.username}: ${boot.password}\n` +
          `sextant: it is shown only now; sign in with it (POST /auth/login) and change it (POST /auth/password).\n`,
      );
    }
    return { store, gov };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export async function withGovernance<T>(ctx: CliContext, fn: (store: Store, gov: Governance) => Promise<T>): Promise<T> {
  const { store, gov } = await openGoverned(ctx);
  try {
    return await fn(store, gov);
  } finally {
    await store.close();
  }
}

export async function withSession<T>(ctx: CliContext, fn: (s: CliSession) => Promise<T>): Promise<T> {
  return withGovernance(ctx, async (store, gov) => {
    const viewer = await gov.identity.cliViewer(ctx.as, ctx.purpose);
    return fn({ store, gov, viewer, scope: () => gov.scope(viewer) });
  });
}
