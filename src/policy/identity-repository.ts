import type { Db } from '../store/db.ts';
import type { Role, Sector } from './roles.ts';

/** SQL for agencies, users, login failures, sessions and API tokens. */
export interface AgencyRow {
  id: string;
  name: string;
  country: string;
  sector: Sector;
  default_marking: string;
  created_at: string;
}

export interface UserRow {
  id: string;
  agency_id: string;
  username: string;
  display_name: string | null;
  roles: Role[];
  clearance: string;
  password_hash: string | null;
  must_change_password: boolean;
  disabled: boolean;
  created_at: string;
}

export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  scopes: string[];
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface SessionRow {
  user_id: string;
  csrf_token: string;
  expires_at: string;
  revoked_at: string | null;
}

const USER_COLUMNS = 'id, agency_id, username, display_name, roles, clearance, password_hash, must_change_password, disabled, created_at';
const TOKEN_COLUMNS = 'id, user_id, name, scopes, created_at, expires_at, revoked_at, last_used_at';
const AGENCY_COLUMNS = 'id, name, country, sector, default_marking, created_at';

/** `t.id AS t_id, t.name AS t_name, …`: one table's columns in a join, told apart by a prefix. */
function prefixed(alias: string, columns: string): string {
  return columns.split(', ').map((c) => `${alias}.${c} AS ${alias}_${c}`).join(', ');
}

function unprefixed<T>(row: Record<string, unknown>, alias: string, columns: string): T {
  return Object.fromEntries(columns.split(', ').map((c) => [c, row[`${alias}_${c}`]])) as T;
}

export class IdentityRepository {
  constructor(private readonly db: Db) {}

  async insertAgency(a: Omit<AgencyRow, 'created_at'>): Promise<void> {
    await this.db.query('INSERT INTO agencies (id, name, country, sector, default_marking) VALUES ($1, $2, $3, $4, $5)', [
      a.id,
      a.name,
      a.country,
      a.sector,
      a.default_marking,
    ]);
  }

  async agency(id: string): Promise<AgencyRow | null> {
    const rows = await this.db.query<AgencyRow>('SELECT * FROM agencies WHERE id = $1', [id]);
    return rows[0] ?? null;
  }

  async agencies(): Promise<AgencyRow[]> {
    return this.db.query<AgencyRow>('SELECT * FROM agencies ORDER BY id');
  }

  async updateAgency(id: string, patch: { name?: string; default_marking?: string }): Promise<void> {
    await this.db.query('UPDATE agencies SET name = coalesce($2, name), default_marking = coalesce($3, default_marking) WHERE id = $1', [
      id,
      patch.name ?? null,
      patch.default_marking ?? null,
    ]);
  }

  async countUsers(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return rows[0]!.n;
  }

  async insertUser(u: Omit<UserRow, 'created_at' | 'disabled'>): Promise<void> {
    await this.db.query(
      `INSERT INTO users (id, agency_id, username, display_name, roles, clearance, password_hash, must_change_password)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8)`,
      [u.id, u.agency_id, u.username, u.display_name, u.roles, u.clearance, u.password_hash, u.must_change_password],
    );
  }

  async userByName(username: string): Promise<UserRow | null> {
    const rows = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]);
    return rows[0] ?? null;
  }

  async user(id: string): Promise<UserRow | null> {
    const rows = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async users(agencyId: string | null): Promise<UserRow[]> {
    return this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE ($1::text IS NULL OR agency_id = $1) ORDER BY username`, [agencyId]);
  }

  async updateUser(
    id: string,
    patch: { roles?: Role[]; clearance?: string; disabled?: boolean; display_name?: string; password_hash?: string; must_change_password?: boolean },
  ): Promise<void> {
    await this.db.query(
      `UPDATE users SET roles = coalesce($2::text[], roles), clearance = coalesce($3, clearance), disabled = coalesce($4, disabled),
         display_name = coalesce($5, display_name), password_hash = coalesce($6, password_hash),
         must_change_password = coalesce($7, must_change_password), updated_at = now()
       WHERE id = $1`,
      [id, patch.roles ?? null, patch.clearance ?? null, patch.disabled ?? null, patch.display_name ?? null, patch.password_hash ?? null, patch.must_change_password ?? null],
    );
  }

  // Login failures, keyed by the name typed (existing or not).
  async lockedUntil(username: string): Promise<Date | null> {
    const rows = await this.db.query<{ locked_until: Date | string | null }>('SELECT locked_until FROM login_failures WHERE username = $1', [username]);
    const v = rows[0]?.locked_until;
    return v ? new Date(v) : null;
  }

  /** Count a failure; lock when `maxFailures` are reached within the window. Returns the failure count. */
  async recordFailure(username: string, now: Date, maxFailures: number, lockMs: number): Promise<number> {
    const rows = await this.db.query<{ failures: number }>(
      `INSERT INTO login_failures (username, failures, last_failure) VALUES ($1, 1, $2)
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN login_failures.locked_until IS NOT NULL AND login_failures.locked_until <= $2 THEN 1
                         ELSE login_failures.failures + 1 END,
         locked_until = CASE WHEN login_failures.locked_until IS NOT NULL AND login_failures.locked_until <= $2 THEN NULL
                             ELSE login_failures.locked_until END,
         last_failure = $2
       RETURNING failures`,
      [username, now.toISOString()],
    );
    const failures = rows[0]!.failures;
    if (failures >= maxFailures) {
      await this.db.query('UPDATE login_failures SET locked_until = $2 WHERE username = $1', [username, new Date(now.getTime() + lockMs).toISOString()]);
    }
    return failures;
  }

  async clearFailures(username: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE username = $1', [username]);
  }

  // Sessions.
  async insertSession(s: { id_hash: string; user_id: string; csrf_token: string; created_at: string; expires_at: string }): Promise<void> {
    await this.db.query('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      s.id_hash,
      s.user_id,
      s.csrf_token,
      s.created_at,
      s.expires_at,
    ]);
  }

  async session(idHash: string): Promise<SessionRow | null> {
    const rows = await this.db.query<SessionRow>('SELECT user_id, csrf_token, expires_at, revoked_at FROM sessions WHERE id_hash = $1', [idHash]);
    return rows[0] ?? null;
  }

  async revokeSession(idHash: string, at: string): Promise<void> {
    await this.db.query('UPDATE sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL', [idHash, at]);
  }

  async revokeSessionsOf(userId: string, at: string): Promise<void> {
    await this.db.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, at]);
  }

  // API tokens.
  async insertToken(t: Omit<TokenRow, 'revoked_at' | 'last_used_at'> & { token_hash: string }): Promise<void> {
    await this.db.query(
      'INSERT INTO api_tokens (id, user_id, name, token_hash, scopes, created_at, expires_at) VALUES ($1, $2, $3, $4, $5::text[], $6, $7)',
      [t.id, t.user_id, t.name, t.token_hash, t.scopes, t.created_at, t.expires_at],
    );
  }

  /** A token with its user and the user's agency, in one round trip (every API request resolves one). */
  async tokenWithUser(tokenHash: string): Promise<{ token: TokenRow; user: UserRow; agency: AgencyRow } | null> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT ${prefixed('t', TOKEN_COLUMNS)}, ${prefixed('u', USER_COLUMNS)}, ${prefixed('a', AGENCY_COLUMNS)}
       FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN agencies a ON a.id = u.agency_id
       WHERE t.token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    return { token: unprefixed<TokenRow>(row, 't', TOKEN_COLUMNS), user: unprefixed<UserRow>(row, 'u', USER_COLUMNS), agency: unprefixed<AgencyRow>(row, 'a', AGENCY_COLUMNS) };
  }

  async token(id: string): Promise<TokenRow | null> {
    const rows = await this.db.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async tokens(userId: string | null, agencyId: string | null): Promise<Array<TokenRow & { username: string }>> {
    return this.db.query(
      `SELECT t.id, t.user_id, t.name, t.scopes, t.created_at, t.expires_at, t.revoked_at, t.last_used_at, u.username
       FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE ($1::text IS NULL OR t.user_id = $1) AND ($2::text IS NULL OR u.agency_id = $2)
       ORDER BY t.created_at, t.id`,
      [userId, agencyId],
    );
  }

  async revokeTokensOf(userId: string, at: string): Promise<void> {
    await this.db.query('UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, at]);
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [id, at]);
  }

  async revokeToken(id: string, at: string): Promise<void> {
    await this.db.query('UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at]);
  }
}
