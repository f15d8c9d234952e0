import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * API keys: `hp_<id>_<secret>`, of which only the id and the secret's SHA-256 are stored. A
 * revoked key stays (its id appears in the event log as the actor of its writes).
 */
export class ApiKeys1764600000000 implements MigrationInterface {
  name = 'ApiKeys1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_keys (
        id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('editor', 'analyst', 'admin')),
        secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE api_keys');
  }
}
