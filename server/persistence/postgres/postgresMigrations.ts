import type { Pool } from 'pg'
import { pendingMigrations, type Migration } from '../migrations.js'

/**
 * The PostgreSQL schema, step by step: the same tables as the embedded store's. Times are epoch
 * milliseconds (BIGINT); text that is sorted or compared is `COLLATE "C"`, so it orders byte by
 * byte as SQLite does, whatever the database's locale.
 */
export const PostgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'boards, documents, assets, tokens, index, keys and workshops',
    sql: `
CREATE TABLE boards (
  id TEXT COLLATE "C" PRIMARY KEY,
  title TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
-- One ordered log per board. seq is taken under the board's lock (see appendUpdate), so a
-- board's rows commit in seq order whichever instance writes them.
CREATE TABLE doc_updates (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  board_id TEXT COLLATE "C" NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX doc_updates_board ON doc_updates (board_id, seq);
CREATE TABLE assets (
  id TEXT COLLATE "C" PRIMARY KEY,
  board_id TEXT COLLATE "C" NOT NULL,
  mime_type TEXT NOT NULL,
  data BYTEA NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX assets_board ON assets (board_id);
CREATE TABLE ingestion_tokens (
  id TEXT COLLATE "C" PRIMARY KEY,
  board_id TEXT COLLATE "C" NOT NULL,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  ord BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX ingestion_tokens_board ON ingestion_tokens (board_id);
CREATE TABLE hypothesis_index (
  board_id TEXT COLLATE "C" NOT NULL,
  canvas_id TEXT COLLATE "C" NOT NULL,
  title TEXT NOT NULL,
  sentence TEXT NOT NULL,
  status TEXT COLLATE "C" NOT NULL,
  metrics_json TEXT NOT NULL,
  latest_json TEXT NOT NULL,
  timebox_start TEXT COLLATE "C",
  timebox_end TEXT COLLATE "C",
  decision TEXT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (board_id, canvas_id)
);
CREATE INDEX hypothesis_index_status ON hypothesis_index (status);
CREATE INDEX hypothesis_index_end ON hypothesis_index (timebox_end);
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at BIGINT NOT NULL,
  pad BYTEA
);
CREATE TABLE board_keys (
  board_id TEXT COLLATE "C" NOT NULL,
  role TEXT NOT NULL,
  key TEXT,
  hash TEXT NOT NULL UNIQUE,
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (board_id, role)
);
CREATE TABLE workshops (
  board_id TEXT COLLATE "C" PRIMARY KEY,
  state_json TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE workshop_past_votes (
  board_id TEXT COLLATE "C" NOT NULL,
  voting_id TEXT COLLATE "C" NOT NULL,
  ended_at BIGINT NOT NULL,
  voting_json TEXT NOT NULL,
  ord BIGINT GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (board_id, voting_id)
);
CREATE TABLE votes (
  board_id TEXT COLLATE "C" NOT NULL,
  voting_id TEXT COLLATE "C" NOT NULL,
  vote_id TEXT COLLATE "C" NOT NULL,
  voter_id TEXT COLLATE "C" NOT NULL,
  item_id TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  ord BIGINT GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (board_id, voting_id, vote_id)
);
CREATE INDEX votes_voter ON votes (board_id, voting_id, voter_id);
CREATE TABLE workshop_participants (
  board_id TEXT COLLATE "C" NOT NULL,
  participant_id TEXT COLLATE "C" NOT NULL,
  name TEXT COLLATE "C" NOT NULL,
  role TEXT NOT NULL,
  first_seen BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  PRIMARY KEY (board_id, participant_id)
);
`,
  },
  {
    version: 2,
    name: 'boards remember who deleted them',
    sql: 'ALTER TABLE boards ADD COLUMN deleted_by TEXT',
  },
  {
    version: 3,
    name: 'versions of boards',
    sql: `
CREATE TABLE board_versions (
  board_id TEXT COLLATE "C" NOT NULL,
  id TEXT COLLATE "C" NOT NULL,
  name TEXT,
  created_at BIGINT NOT NULL,
  created_by TEXT,
  participants_json TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  snapshot BYTEA NOT NULL,
  PRIMARY KEY (board_id, id)
);
CREATE INDEX board_versions_by_time ON board_versions (board_id, created_at);
`,
  },
  {
    version: 4,
    name: 'webhooks and their delivery queue',
    sql: `
CREATE TABLE webhooks (
  id TEXT COLLATE "C" PRIMARY KEY,
  board_id TEXT COLLATE "C" NOT NULL,
  url TEXT NOT NULL,
  events_json TEXT NOT NULL,
  format TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX webhooks_board ON webhooks (board_id);
CREATE TABLE webhook_deliveries (
  id TEXT COLLATE "C" PRIMARY KEY,
  board_id TEXT COLLATE "C" NOT NULL,
  webhook_id TEXT COLLATE "C" NOT NULL,
  event_id TEXT COLLATE "C" NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  next_attempt_at BIGINT,
  lease_until BIGINT,
  last_attempt_at BIGINT,
  response_status INTEGER,
  error TEXT,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at);
`,
  },
  {
    version: 5,
    name: 'the portfolio index of projects, and verdicts kept in the tracker index',
    sql: `
CREATE TABLE project_index (
  board_id TEXT COLLATE "C" NOT NULL,
  canvas_id TEXT COLLATE "C" NOT NULL,
  title TEXT NOT NULL,
  owner TEXT NOT NULL,
  stage TEXT NOT NULL,
  status TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  PRIMARY KEY (board_id, canvas_id)
);
ALTER TABLE hypothesis_index ADD COLUMN verdict_open TEXT;
ALTER TABLE hypothesis_index ADD COLUMN verdict_ended TEXT;
`,
  },
  {
    version: 6,
    name: 'metric sources polled by the server',
    sql: `
CREATE TABLE metric_sources (
  id TEXT COLLATE "C" PRIMARY KEY,
  board_id TEXT COLLATE "C" NOT NULL,
  canvas_id TEXT COLLATE "C" NOT NULL,
  metric_key TEXT COLLATE "C" NOT NULL,
  config_json TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  next_poll_at BIGINT NOT NULL,
  last_poll_at BIGINT,
  last_error TEXT,
  last_value DOUBLE PRECISION,
  last_value_at BIGINT,
  lease_until BIGINT,
  UNIQUE (board_id, canvas_id, metric_key)
);
CREATE INDEX metric_sources_due ON metric_sources (next_poll_at);
`,
  },
  {
    version: 7,
    name: 'when each running hypothesis is due its next check-in',
    sql: `
ALTER TABLE hypothesis_index ADD COLUMN checkin_due_at TEXT;
`,
  },
  {
    version: 8,
    name: 'large compacted snapshots stored gzipped',
    sql: `
ALTER TABLE doc_updates ADD COLUMN gzipped BOOLEAN NOT NULL DEFAULT false;
`,
  },
]

/** Any number that no board's lock can be mistaken for: the lock taken while migrating. */
const MigrationLock = 0x6d696772

/**
 * Brings the database up to the newest step. Instances starting at once take turns on an
 * advisory lock, and each step is applied with its record in one transaction.
 */
export async function migratePostgres(
  pool: Pool,
  steps: readonly Migration[] = PostgresMigrations,
): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MigrationLock])
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )`)
      const { rows } = await client.query<{ v: number | null }>(
        'SELECT MAX(version) AS v FROM schema_migrations',
      )
      for (const step of pendingMigrations(steps, rows[0]?.v ?? 0)) {
        await client.query('BEGIN')
        try {
          await client.query(step.sql)
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [step.version, step.name, Date.now()],
          )
          await client.query('COMMIT')
        } catch (error) {
          await client.query('ROLLBACK')
          throw error
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MigrationLock])
    }
  } finally {
    client.release()
  }
}
