import { SextantError } from '../errors.ts';
import { capabilitiesOf, type Capability, type Role } from './roles.ts';

/**
 * Who is asking, from which agency, with which clearance and for what purpose.
 * Built once per request (or CLI run) from an authenticated user; every access
 * decision is made for a viewer.
 */
export interface Viewer {
  userId: string;
  username: string;
  agencyId: string;
  /** Country of the viewer's agency (for REL TO country lists). */
  country: string;
  roles: Role[];
  /** What the roles allow, narrowed to the token's scopes for machine access. */
  capabilities: ReadonlySet<Capability>;
  clearance: string;
  purpose: string;
  /** How the viewer authenticated. */
  via: 'session' | 'token' | 'cli';
  /** A session that must change its password before anything else. */
  mustChangePassword?: boolean;
}

export function makeViewer(
  user: { id: string; username: string; agency_id: string; roles: Role[]; clearance: string },
  agency: { country: string },
  purpose: string,
  via: Viewer['via'],
  scopes?: readonly string[],
): Viewer {
  let capabilities = capabilitiesOf(user.roles);
  if (scopes) capabilities = new Set([...capabilities].filter((c) => scopes.includes(c)));
  return {
    userId: user.id,
    username: user.username,
    agencyId: user.agency_id,
    country: agency.country,
    roles: user.roles,
    capabilities,
    clearance: user.clearance,
    purpose,
    via,
  };
}

/** Refuse unless the viewer has the capability; the message names it but nothing about the target. */
export function requireCapability(viewer: Viewer, capability: Capability): void {
  if (!viewer.capabilities.has(capability)) {
    throw new SextantError('forbidden', `this needs the ${capability} permission, which ${viewer.username} does not have here`, { capability });
  }
}
