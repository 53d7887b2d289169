import { randomUUID } from 'node:crypto';
import countries from 'i18n-iso-countries';
import type { GovernanceConfig } from '../config.ts';
import { SextantError } from '../errors.ts';
import type { ChangeCounts } from '../store/changes.ts';
import type { Db } from '../store/db.ts';
import { toIso as iso } from '../store/timestamps.ts';
import type { AuditLog } from './audit.ts';
import { IdentityRepository, type AgencyRow, type TokenRow, type UserRow } from './identity-repository.ts';
import { AGENCY_ID, canonicalMarking } from './markings.ts';
import { isCapability, isRole, isSector, type Capability, type Role } from './roles.ts';
import {
  dummyPasswordHash,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  newApiToken,
  oneTimePassword,
  randomSecret,
  sameSecret,
  secretHash,
  verifyPassword,
} from './secrets.ts';
import { makeViewer, requireCapability, type Viewer } from './viewer.ts';

export interface PublicUser {
  id: string;
  username: string;
  agency: string;
  displayName: string | null;
  roles: Role[];
  clearance: string;
  disabled: boolean;
  mustChangePassword: boolean;
}

export interface PublicToken {
  id: string;
  name: string;
  username: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewSession {
  /** Cookie value (the session id); only its hash is stored. */
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  user: PublicUser;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

function publicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    username: u.username,
    agency: u.agency_id,
    displayName: u.display_name,
    roles: u.roles,
    clearance: u.clearance,
    disabled: u.disabled,
    mustChangePassword: u.must_change_password,
  };
}

function publicToken(t: TokenRow & { username: string }): PublicToken {
  return {
    id: t.id,
    name: t.name,
    username: t.username,
    scopes: t.scopes,
    createdAt: iso(t.created_at),
    expiresAt: iso(t.expires_at),
    revokedAt: t.revoked_at ? iso(t.revoked_at) : null,
    lastUsedAt: t.last_used_at ? iso(t.last_used_at) : null,
  };
}

function bad(field: string, message: string): SextantError {
  return new SextantError('bad_request', message, { field });
}

/** Token lookups kept between requests (a node has few; the cache starts over when full). */
const MAX_CACHED_TOKENS = 10_000;

/**
 * Agencies, users, passwords, browser sessions and API tokens. Administrative
 * changes and every login outcome are written to the audit log.
 * Administrators of the node's home agency manage every agency; administrators
 * of another agency manage only their own agency's users and tokens.
 */
export class IdentityService {
  private readonly repo: IdentityRepository;
  /** Tokens looked up, by hash, with the governance change count they were read at (see resolveToken). */
  private readonly tokens = new Map<string, { at: number; found: { token: TokenRow; user: UserRow; agency: AgencyRow } }>();

  constructor(
    db: Db,
    private readonly audit: AuditLog,
    private readonly gov: GovernanceConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new IdentityRepository(db);
  }

  /**
   * On a new store: the home agency and an administrator with a one-time
   * password, returned once so that the caller can print it. Null when users exist.
   */
  async bootstrap(): Promise<{ agency: string; username: string; password: string } | null> {
    const a = this.gov.agency;
    if (!(await this.repo.agency(a.id))) {
      await this.repo.insertAgency({ id: a.id, name: a.name, country: a.country, sector: a.sector as AgencyRow['sector'], default_marking: 'TLP:AMBER' });
      await this.audit.append({ actor: 'system', agency: a.id, action: 'agency.create', details: { agency: a.id, bootstrap: true } });
    }
    if ((await this.repo.countUsers()) > 0) return null;
    const password = oneTimePassword();
    await this.repo.insertUser({
      id: randomUUID(),
      agency_id: a.id,
      username: this.gov.operator,
      display_name: 'Administrator',
      // On a new, one-person node the operator holds every role; once others join,
      // `sextant user update admin --roles administrator` separates the duties.
      roles: ['administrator', 'supervisor', 'liaison_officer', 'auditor', 'analyst'],
      clearance: this.gov.levels[this.gov.levels.length - 1]!,
      password_hash: await hashPassword(password),
      must_change_password: true,
    });
    await this.audit.append({ actor: 'system', agency: a.id, action: 'user.create', details: { username: this.gov.operator, bootstrap: true } });
    return { agency: a.id, username: this.gov.operator, password };
  }

  // ---- agencies ----

  async createAgency(
    actor: Viewer,
    input: { id: string; name: string; country: string; sector: string; defaultMarking?: string },
  ): Promise<AgencyRow> {
    this.requireNodeAdmin(actor);
    if (!AGENCY_ID.test(input.id)) throw bad('id', 'agency id must be lower-case letters, digits and dashes, 2–63 characters, starting with a letter');
    const country = input.country.toUpperCase();
    if (!countries.isValid(country)) throw bad('country', `unknown country code ${input.country}`);
    if (!isSector(input.sector)) throw bad('sector', `unknown sector ${input.sector}`);
    if (!input.name.trim()) throw bad('name', 'agency name must not be empty');
    const defaultMarking = canonicalMarking(input.defaultMarking ?? 'TLP:AMBER', this.gov.levels);
    if (await this.repo.agency(input.id)) throw new SextantError('conflict', `agency ${input.id} exists`, { field: 'id' });
    const row = { id: input.id, name: input.name.trim(), country, sector: input.sector, default_marking: defaultMarking };
    await this.repo.insertAgency(row);
    await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'agency.create', purpose: null, details: { agency: row.id, ...row } });
    return (await this.repo.agency(input.id))!;
  }

  async listAgencies(): Promise<AgencyRow[]> {
    return this.repo.agencies();
  }

  async agency(id: string): Promise<AgencyRow> {
    const a = await this.repo.agency(id);
    if (!a) throw new SextantError('not_found', `no agency ${id}`, { id });
    return a;
  }

  async agencyCountries(): Promise<Map<string, string>> {
    return new Map((await this.repo.agencies()).map((a) => [a.id, a.country]));
  }

  // ---- users ----

  async createUser(
    actor: Viewer,
    input: { username: string; agency?: string; roles: string[]; clearance?: string; displayName?: string; password?: string },
  ): Promise<{ user: PublicUser; oneTimePassword: string | null }> {
    const agencyId = input.agency ?? actor.agencyId;
    this.requireAdminOf(actor, agencyId);
    if (!USERNAME.test(input.username)) throw bad('username', 'user name must be 2–64 lower-case letters, digits, dots, dashes or underscores');
    const roles = this.checkRoles(input.roles);
    const clearance = this.checkClearance(input.clearance ?? this.gov.levels[0]!);
    if (!(await this.repo.agency(agencyId))) throw bad('agency', `no agency ${agencyId}`);
    if (await this.repo.userByName(input.username)) throw new SextantError('conflict', `user ${input.username} exists`, { field: 'username' });
    const generated = input.password === undefined ? oneTimePassword() : null;
    const password = input.password ?? generated!;
    this.checkPassword(password);
    const id = randomUUID();
    await this.repo.insertUser({
      id,
      agency_id: agencyId,
      username: input.username,
      display_name: input.displayName ?? null,
      roles,
      clearance,
      password_hash: await hashPassword(password),
      must_change_password: generated !== null,
    });
    await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'user.create', details: { username: input.username, userAgency: agencyId, roles, clearance } });
    return { user: publicUser((await this.repo.user(id))!), oneTimePassword: generated };
  }

  async listUsers(actor: Viewer, agencyId?: string): Promise<PublicUser[]> {
    requireCapability(actor, 'admin');
    const scope = this.isNodeAdmin(actor) ? (agencyId ?? null) : actor.agencyId;
    if (agencyId !== undefined && scope !== agencyId) this.requireAdminOf(actor, agencyId);
    return (await this.repo.users(scope)).map(publicUser);
  }

  async updateUser(actor: Viewer, username: string, patch: { roles?: string[]; clearance?: string; disabled?: boolean; displayName?: string }): Promise<PublicUser> {
    requireCapability(actor, 'admin');
    const user = await this.userForAdmin(actor, username);
    const roles = patch.roles === undefined ? undefined : this.checkRoles(patch.roles);
    const clearance = patch.clearance === undefined ? undefined : this.checkClearance(patch.clearance);
    if (user.id === actor.userId && (patch.disabled !== undefined || roles !== undefined || clearance !== undefined)) {
      // Nobody changes their own roles, clearance or state: another administrator must.
      throw new SextantError('forbidden', 'administrators cannot change their own roles, clearance or state', { field: 'username' });
    }
    await this.repo.updateUser(user.id, { roles, clearance, disabled: patch.disabled, display_name: patch.displayName });
    if (patch.disabled) await this.repo.revokeSessionsOf(user.id, this.now().toISOString());
    await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'user.update', details: { username, ...patch } });
    return publicUser((await this.repo.user(user.id))!);
  }

  /** A user changes their own password (the current one is needed), or an administrator resets one to a one-time password. */
  async changePassword(actor: Viewer, username: string, input: { current?: string; next?: string }): Promise<{ oneTimePassword: string | null }> {
    const self = username === actor.username;
    if (self) {
      const user = (await this.repo.user(actor.userId))!;
      if (input.next === undefined) throw bad('next', 'the new password is missing');
      if (input.current === undefined || !user.password_hash || !(await verifyPassword(user.password_hash, input.current))) {
        throw new SextantError('unauthorized', 'the current password is wrong', { field: 'current' });
      }
      this.checkPassword(input.next);
      if (input.next === input.current) throw bad('next', 'the new password must differ from the current one');
      await this.repo.updateUser(user.id, { password_hash: await hashPassword(input.next), must_change_password: false });
      // Other sessions may be someone who learnt the old password.
      await this.repo.revokeSessionsOf(user.id, this.now().toISOString());
      await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'user.password', details: { username } });
      return { oneTimePassword: null };
    }
    requireCapability(actor, 'admin');
    const user = await this.userForAdmin(actor, username);
    const password = oneTimePassword();
    await this.repo.updateUser(user.id, { password_hash: await hashPassword(password), must_change_password: true });
    await this.repo.revokeSessionsOf(user.id, this.now().toISOString());
    await this.repo.revokeTokensOf(user.id, this.now().toISOString());
    await this.repo.clearFailures(username);
    await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'user.password_reset', details: { username } });
    return { oneTimePassword: password };
  }

  // ---- authentication ----

  /**
   * Check a user name and password. Unknown names, wrong passwords and disabled
   * accounts give the same answer and take as long; after `maxFailures` failures
   * the name is locked for `lockMinutes`, whether or not it exists.
   */
  async login(username: string, password: string, from: string): Promise<NewSession> {
    const now = this.now();
    const { maxFailures, lockMinutes } = this.gov.auth;
    const lockedUntil = await this.repo.lockedUntil(username);
    if (lockedUntil && lockedUntil > now) return this.refuseLocked(username, lockedUntil, from);
    // The attempt is counted before the password is checked, in one statement:
    // parallel attempts cannot all pass the lock-out check before any is counted.
    const attempts = await this.repo.recordFailure(username, now, maxFailures, lockMinutes * 60_000);
    if (attempts > maxFailures) return this.refuseLocked(username, new Date(now.getTime() + lockMinutes * 60_000), from);
    const user = await this.repo.userByName(username);
    const usable = user !== null && !user.disabled && user.password_hash !== null;
    const ok = await verifyPassword(usable ? user.password_hash! : await dummyPasswordHash(), password);
    if (!usable || !ok) {
      await this.audit.append({
        actor: username,
        agency: null,
        action: attempts >= maxFailures ? 'auth.lockout' : 'auth.login_failed',
        details: { failures: attempts, from },
      });
      throw new SextantError('unauthorized', 'wrong user name or password');
    }
    await this.repo.clearFailures(username);
    const sessionId = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = new Date(now.getTime() + this.gov.auth.sessionHours * 3_600_000).toISOString();
    await this.repo.insertSession({ id_hash: secretHash(sessionId), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt });
    await this.audit.append({ actor: username, agency: user.agency_id, action: 'auth.login', details: { from } });
    return { sessionId, csrfToken, expiresAt, user: publicUser(user) };
  }

  private async refuseLocked(username: string, until: Date, from: string): Promise<never> {
    await this.audit.append({ actor: username, agency: null, action: 'auth.login_refused', details: { reason: 'locked', from } });
    throw new SextantError('too_many_requests', `too many failed logins; try again after ${until.toISOString()}`, { retryAfter: until.toISOString() });
  }

  /** The user of a live session, and its CSRF token; null for unknown, expired or revoked sessions. */
  async resolveSession(sessionId: string): Promise<{ user: UserRow; csrfToken: string } | null> {
    const s = await this.repo.session(secretHash(sessionId));
    if (!s || s.revoked_at || new Date(s.expires_at) <= this.now()) return null;
    const user = await this.repo.user(s.user_id);
    if (!user || user.disabled) return null;
    return { user, csrfToken: s.csrf_token };
  }

  async logout(sessionId: string, actor: Viewer): Promise<void> {
    await this.repo.revokeSession(secretHash(sessionId), this.now().toISOString());
    await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'auth.logout', details: {} });
  }

  checkCsrf(expected: string, given: string | undefined): boolean {
    return given !== undefined && sameSecret(expected, given);
  }

  // ---- API tokens ----

  /**
   * Issue an API token for oneself. Its scopes must be permissions the caller
   * has right now: a token cannot mint a token wider than itself, and nobody
   * can hand themselves (or anyone) rights through someone else's token.
   */
  async createToken(actor: Viewer, input: { name: string; scopes: string[]; expiresInDays?: number }): Promise<{ token: string; info: PublicToken }> {
    const owner = (await this.repo.user(actor.userId))!;
    if (!input.name.trim() || input.name.length > 100) throw bad('name', 'token name must be 1–100 characters');
    if (input.scopes.length === 0) throw bad('scopes', 'a token needs at least one scope');
    for (const s of input.scopes) {
      if (!isCapability(s)) throw bad('scopes', `unknown scope ${s}`);
      if (!actor.capabilities.has(s)) throw new SextantError('forbidden', `a token cannot carry ${s}: ${actor.username} does not have it here`, { field: 'scopes' });
    }
    const days = input.expiresInDays ?? 90;
    if (!Number.isInteger(days) || days < 1 || days > this.gov.auth.tokenMaxDays) {
      throw bad('expiresInDays', `tokens expire after 1 to ${this.gov.auth.tokenMaxDays} days`);
    }
    const now = this.now();
    const token = newApiToken();
    const id = randomUUID();
    const scopes = [...new Set(input.scopes)].sort();
    await this.repo.insertToken({
      id,
      user_id: owner.id,
      name: input.name.trim(),
      token_hash: secretHash(token),
      scopes,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
    });
    await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'token.create', details: { token: id, owner: owner.username, scopes, days } });
    return { token, info: publicToken({ ...(await this.repo.token(id))!, username: owner.username }) };
  }

  async listTokens(actor: Viewer, username?: string): Promise<PublicToken[]> {
    if (username === undefined || username === actor.username) return (await this.repo.tokens(actor.userId, null)).map(publicToken);
    const owner = await this.userForAdmin(actor, username);
    return (await this.repo.tokens(owner.id, null)).map(publicToken);
  }

  async revokeToken(actor: Viewer, id: string): Promise<void> {
    const t = await this.repo.token(id);
    // A token the actor may not manage is reported as missing: ids of other agencies' tokens are not confirmed.
    const owner = t ? await this.repo.user(t.user_id) : null;
    const mayManage = t !== null && owner !== null && (t.user_id === actor.userId || (actor.capabilities.has('admin') && (this.isNodeAdmin(actor) || owner.agency_id === actor.agencyId)));
    if (!mayManage) throw new SextantError('not_found', `no token ${id}`, { id });
    await this.repo.revokeToken(id, this.now().toISOString());
    await this.audit.append({ actor: actor.username, agency: actor.agencyId, action: 'token.revoke', details: { token: id, owner: owner!.username } });
  }

  /**
   * The user, scopes and agency of an API token, or null when it is unknown,
   * expired, revoked or its user disabled. With the change counts read at the
   * start of the request, a token read before is not read again while no
   * agency, user, token or agreement has changed since (a revocation bumps the
   * count, so it takes effect on the next request); expiry is checked every time.
   */
  async resolveToken(token: string, counts?: ChangeCounts): Promise<{ user: UserRow; scopes: Capability[]; agency: AgencyRow } | null> {
    const hash = secretHash(token);
    const cached = counts ? this.tokens.get(hash) : undefined;
    let found = cached && cached.at === counts!.governance ? cached.found : null;
    if (!found) {
      found = await this.repo.tokenWithUser(hash);
      if (found && counts) {
        if (this.tokens.size >= MAX_CACHED_TOKENS) this.tokens.clear();
        this.tokens.set(hash, { at: counts.governance, found });
      }
    }
    const now = this.now();
    if (!found) return null;
    const { token: t, user, agency } = found;
    if (t.revoked_at || new Date(t.expires_at) <= now || user.disabled) return null;
    // Last use to the minute: not a write on every request. Writing it bumps no change count
    // (it is not what anyone's access depends on), so the row kept in memory is brought along.
    if (!t.last_used_at || now.getTime() - new Date(t.last_used_at).getTime() > 60_000) {
      await this.repo.touchToken(t.id, now.toISOString());
      t.last_used_at = now.toISOString();
    }
    return { user, scopes: t.scopes.filter(isCapability), agency };
  }

  // ---- viewers ----

  checkPurpose(purpose: string): string {
    if (!this.gov.purposes.includes(purpose)) {
      throw new SextantError('bad_request', `unknown purpose ${purpose}; declare one of ${this.gov.purposes.join(', ')}`, { field: 'purpose' });
    }
    return purpose;
  }

  /** The viewer a user acts as; `agency` when the caller already read the user's agency (resolveToken does). */
  async viewerOf(user: UserRow, purpose: string, via: Viewer['via'], scopes?: readonly string[], agency?: AgencyRow): Promise<Viewer> {
    agency ??= await this.agency(user.agency_id);
    const viewer = makeViewer(user, agency, this.checkPurpose(purpose), via, scopes);
    if (user.must_change_password && via === 'session') viewer.mustChangePassword = true;
    return viewer;
  }

  /** The viewer a CLI run acts as: a named user of this node (the operator has the database anyway; this fixes whose rights and name apply). */
  async cliViewer(username: string, purpose: string): Promise<Viewer> {
    const user = await this.repo.userByName(username);
    if (!user || user.disabled) throw new SextantError('bad_request', `no active user ${username} on this node (see sextant user list)`, { field: 'as' });
    return this.viewerOf(user, purpose, 'cli');
  }

  // ---- checks ----

  private isNodeAdmin(actor: Viewer): boolean {
    return actor.capabilities.has('admin') && actor.agencyId === this.gov.agency.id;
  }

  private requireNodeAdmin(actor: Viewer): void {
    requireCapability(actor, 'admin');
    if (!this.isNodeAdmin(actor)) throw new SextantError('forbidden', `only administrators of ${this.gov.agency.id} manage agencies`, {});
  }

  private requireAdminOf(actor: Viewer, agencyId: string): void {
    requireCapability(actor, 'admin');
    if (!this.isNodeAdmin(actor) && agencyId !== actor.agencyId) {
      throw new SextantError('forbidden', 'administrators manage the users of their own agency only', { field: 'agency' });
    }
  }

  /** A user the actor administers; others are reported as missing, so user names of other agencies are not confirmed. */
  private async userForAdmin(actor: Viewer, username: string): Promise<UserRow> {
    requireCapability(actor, 'admin');
    const user = await this.repo.userByName(username);
    if (!user || (!this.isNodeAdmin(actor) && user.agency_id !== actor.agencyId)) {
      throw new SextantError('not_found', `no user ${username}`, { field: 'username' });
    }
    return user;
  }

  private checkRoles(roles: string[]): Role[] {
    if (roles.length === 0) throw bad('roles', 'a user needs at least one role');
    for (const r of roles) if (!isRole(r)) throw bad('roles', `unknown role ${r}`);
    return [...new Set(roles)] as Role[];
  }

  private checkClearance(level: string): string {
    const upper = level.toUpperCase();
    if (!this.gov.levels.includes(upper)) throw bad('clearance', `unknown level ${level}; known: ${this.gov.levels.join(', ')}`);
    return upper;
  }

  private checkPassword(password: string): void {
    if (password.length < MIN_PASSWORD_LENGTH || password.length > 1024) throw bad('password', `passwords need ${MIN_PASSWORD_LENGTH} to 1024 characters`);
  }
}
