import { knownIdentity } from '../identity.js';
import type { Role } from '../roles.js';
import type { ApiKeyRecord, ApiKeyView } from './api-key.record.js';
import type { SqlClient } from './sql-client.js';

interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  secret_hash: Buffer;
  created_at: Date;
  revoked_at: Date | null;
}

const VIEW_COLUMNS = 'id, name, role, created_at, revoked_at';

/** The `api_keys` table: secrets are stored only as their SHA-256. */
export class ApiKeysRepository {
  constructor(private readonly sql: SqlClient) {}

  async insert(key: { id: string; name: string; role: Role; secretHash: string }): Promise<ApiKeyView> {
    const [row] = await this.sql.query<ApiKeyRow>(
      'hotpath-api-keys-insert',
      `INSERT INTO api_keys (id, name, role, secret_hash) VALUES ($1, $2, $3, $4) RETURNING ${VIEW_COLUMNS}`,
      [key.id, key.name, key.role, Buffer.from(key.secretHash, 'base64url')],
    );
    return toView(row);
  }

  /** The key a request names, revoked or not; undefined when no such key exists. */
  async find(id: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.sql.query<ApiKeyRow>('hotpath-api-keys-find', 'SELECT id, role, secret_hash, revoked_at FROM api_keys WHERE id = $1', [id]);
    return row && { id: row.id, secretHash: row.secret_hash.toString('base64url'), revoked: row.revoked_at !== null, identity: knownIdentity('key', `key:${row.id}`, [row.role]) };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.sql.query<ApiKeyRow>('hotpath-api-keys-list', `SELECT ${VIEW_COLUMNS} FROM api_keys ORDER BY created_at, id`, [])).map(toView);
  }

  /** Marks the key revoked (keeping the first revocation time); undefined when no such key exists. */
  async revoke(id: string): Promise<ApiKeyView | undefined> {
    const [row] = await this.sql.query<ApiKeyRow>(
      'hotpath-api-keys-revoke',
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${VIEW_COLUMNS}`,
      [id],
    );
    return row && toView(row);
  }
}

function toView(row: ApiKeyRow): ApiKeyView {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at.toISOString(), revokedAt: row.revoked_at?.toISOString() ?? null };
}
