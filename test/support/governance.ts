import { loadConfig } from '../../src/config.ts';
import { Governance } from '../../src/policy/index.ts';
import type { ReadScope } from '../../src/policy/scope.ts';
import type { Viewer } from '../../src/policy/viewer.ts';
import type { Store } from '../../src/store/index.ts';

/** Governance on a test store with the defaults, bootstrapped: the home agency `local` and its administrator `admin`. */
export async function governed(store: Store): Promise<{ gov: Governance; admin: Viewer; password: string | null }> {
  const gov = new Governance(store, loadConfig({}, {}).governance);
  const boot = await gov.identity.bootstrap();
  const admin = await gov.identity.cliViewer('admin', 'sanctions');
  return { gov, admin, password: boot?.password ?? null };
}

/** What the home agency's administrator (an analyst too) may see: everything `local` holds. */
export async function operatorScope(store: Store): Promise<ReadScope> {
  const { gov, admin } = await governed(store);
  return gov.scope(admin);
}
