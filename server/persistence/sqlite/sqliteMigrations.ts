import type Database from 'better-sqlite3'
import { pendingMigrations, type Migration } from '../migrations.js'

/** A step of the embedded store: SQL, or a function for a step that must look first. */
export interface SqliteMigration extends Omit<Migration, 'sql'> {
  sql: string | ((db: Database.Database) => void)
}

/**
 * The embedded store's schema, step by step. Step 1 is the schema as it stood before steps were
 * numbered: its statements say IF NOT EXISTS, so a file made by an older server adopts it.
 */
export const SqliteMigrations: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'boards, documents, assets, tokens, index, keys and workshops',
    sql: `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_board ON doc_updates (board_id, seq);
CREATE TABLE IF NOT EXISTS assets (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS assets_board ON assets (board_id);
CREATE TABLE IF NOT EXISTS ingestion_tokens (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS ingestion_tokens_board ON ingestion_tokens (board_id);
CREATE TABLE IF NOT EXISTS hypothesis_index (
  board_id TEXT NOT NULL,
  canvas_id TEXT NOT NULL,
  title TEXT NOT NULL,
  sentence TEXT NOT NULL,
  status TEXT NOT NULL,
  metrics_json TEXT NOT NULL,
  latest_json TEXT NOT NULL,
  timebox_start TEXT,
  timebox_end TEXT,
  decision TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, canvas_id)
);
CREATE TABLE IF NOT EXISTS quarantined_updates (
  seq INTEGER PRIMARY KEY,
  board_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at INTEGER NOT NULL,
  pad BLOB
);
CREATE INDEX IF NOT EXISTS hypothesis_index_status ON hypothesis_index (status);
CREATE INDEX IF NOT EXISTS hypothesis_index_end ON hypothesis_index (timebox_end);

CREATE TABLE IF NOT EXISTS board_keys (
  board_id TEXT NOT NULL,
  role TEXT NOT NULL,
  key TEXT,
  hash TEXT NOT NULL UNIQUE,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, role)
);
CREATE TABLE IF NOT EXISTS workshops (
  board_id TEXT PRIMARY KEY,
  state_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS workshop_past_votes (
  board_id TEXT NOT NULL,
  voting_id TEXT NOT NULL,
  ended_at INTEGER NOT NULL,
  voting_json TEXT NOT NULL,
  PRIMARY KEY (board_id, voting_id)
);
CREATE TABLE IF NOT EXISTS votes (
  board_id TEXT NOT NULL,
  voting_id TEXT NOT NULL,
  vote_id TEXT NOT NULL,
  voter_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, voting_id, vote_id)
);
CREATE TABLE IF NOT EXISTS workshop_participants (
  board_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  PRIMARY KEY (board_id, participant_id)
);
CREATE INDEX IF NOT EXISTS votes_voter ON votes (board_id, voting_id, voter_id);
`,
  },
  {
    version: 2,
    name: 'boards remember who deleted them',
    // Files made before steps were numbered may have the column already.
    sql(db) {
      const columns = db.prepare<[], { name: string }>('PRAGMA table_info(boards)').all()
      if (!columns.some((c) => c.name === 'deleted_by')) {
        db.exec('ALTER TABLE boards ADD COLUMN deleted_by TEXT')
      }
    },
  },
  {
    version: 3,
    name: 'versions of boards',
    sql: `
CREATE TABLE board_versions (
  board_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT,
  participants_json TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  snapshot BLOB NOT NULL,
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
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL,
  url TEXT NOT NULL,
  events_json TEXT NOT NULL,
  format TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX webhooks_board ON webhooks (board_id);
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  next_attempt_at INTEGER,
  lease_until INTEGER,
  last_attempt_at INTEGER,
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
  board_id TEXT NOT NULL,
  canvas_id TEXT NOT NULL,
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
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL,
  canvas_id TEXT NOT NULL,
  metric_key TEXT NOT NULL,
  config_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  next_poll_at INTEGER NOT NULL,
  last_poll_at INTEGER,
  last_error TEXT,
  last_value REAL,
  last_value_at INTEGER,
  lease_until INTEGER,
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
]

/** Brings a database up to the newest step, each step in its own transaction. */
export function migrateSqlite(
  db: Database.Database,
  steps: readonly SqliteMigration[] = SqliteMigrations,
) {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`)
  const applied = () =>
    db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations').get()
      ?.v ?? 0
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  )
  const apply = db.transaction((step: SqliteMigration) => {
    // Another process opening the same file may have applied it meanwhile.
    if (applied() >= step.version) return
    if (typeof step.sql === 'string') db.exec(step.sql)
    else step.sql(db)
    record.run(step.version, step.name, Date.now())
  })
  for (const step of pendingMigrations(steps, applied())) apply.immediate(step)
}
