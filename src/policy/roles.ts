/**
 * Roles, agency sectors and what each role may do. A route or command names the
 * capability it needs; a user has it through one of their roles, and a machine
 * token only for the scopes it was issued with (scopes are capabilities).
 */
export const SECTORS = [
  'financial_intelligence_unit',
  'customs',
  'sanctions_authority',
  'law_enforcement',
  'intelligence',
  'bank',
  'ngo',
  'oversight_body',
] as const;
export type Sector = (typeof SECTORS)[number];

export const ROLES = ['analyst', 'supervisor', 'liaison_officer', 'auditor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  'data:read', // entities, search, lists, screening results
  'data:write', // ingest into the agency's own datasets
  'data:export', // the agency's own view, exported as files
  'share', // data leaving for a partner under an agreement
  'agreements:manage', // draft, list and revoke sharing agreements
  'agreements:approve', // approve an agreement on the agency's behalf
  'audit:read', // query and verify the audit log
  'retention:run', // purge data past its retention
  'admin', // agencies, users, other users' tokens
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  analyst: ['data:read', 'data:write'],
  supervisor: ['data:read', 'data:write', 'data:export', 'agreements:manage', 'agreements:approve', 'retention:run'],
  liaison_officer: ['data:read', 'data:write', 'data:export', 'share', 'agreements:manage'],
  // Oversight sees who accessed what, not the data itself.
  auditor: ['audit:read'],
  administrator: ['admin', 'data:write', 'retention:run'],
};

export function capabilitiesOf(roles: readonly Role[]): Set<Capability> {
  return new Set(roles.flatMap((r) => ROLE_CAPABILITIES[r] ?? []));
}

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

export function isSector(v: string): v is Sector {
  return (SECTORS as readonly string[]).includes(v);
}

export function isCapability(v: string): v is Capability {
  return (CAPABILITIES as readonly string[]).includes(v);
}
