import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { z } from 'zod'
import { DefaultLimits } from '../shared/protocol/limits.js'
import { loadPullsConfig, type PullsConfig } from './sources/pullsConfig.js'

const MiB = 1024 * 1024
/** A sync client more than this behind has stopped reading. */
const SEND_QUEUE_BYTES = 16 * MiB

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1')

/** Origins (`https://wiki.example.com`), separated by spaces or commas; empty means none. */
const originList = z
  .string()
  .default('')
  .transform((v) => v.split(/[\s,]+/).filter(Boolean))
  .pipe(
    z.array(
      z.string().refine((o) => {
        try {
          const url = new URL(o)
          return /^https?:$/.test(url.protocol) && url.origin === o
        } catch {
          return false
        }
      }, 'each entry must be an origin such as https://wiki.example.com (no path, no trailing slash)'),
    ),
  )

/** Milliseconds, separated by commas: `30000,120000`. */
const msList = (fallback: number[]) =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .map(Number),
    )
    .pipe(z.array(z.number().int().positive()).max(50))
    .transform((v) => (v.length > 0 ? v : fallback))

/** Webhook retries: 30 s, 2 min, 10 min, 30 min, 1 h, then every 2 h until a day has passed. */
const WebhookRetryDelaysMs = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000]
const DAY_MS = 24 * 60 * 60 * 1000

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine(
      (v) => v === undefined || /^postgres(ql)?:\/\/./.test(v),
      'must be a PostgreSQL URL such as postgres://user:password@host:5432/database',
    ),
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine(
      (v) => v === undefined || /^rediss?:\/\/./.test(v),
      'must be a Redis URL such as redis://host:6379',
    ),
  MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(DefaultLimits.maxMessageBytes),
  MAX_DOCUMENT_BYTES: z.coerce.number().int().positive().default(DefaultLimits.maxDocumentBytes),
  MAX_ASSET_BYTES: z.coerce.number().int().positive().default(DefaultLimits.maxAssetBytes),
  ROOM_UNLOAD_AFTER_MS: z.coerce.number().int().min(0).default(10_000),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().positive().default(500),
  LOG_LEVEL: z.enum(['info', 'warn', 'silent']).default('info'),
  OPEN_INSTANCE: bool,
  DURABILITY: z.enum(['full', 'relaxed']).default('full'),
  MAX_JSON_BODY_BYTES: z.coerce.number().int().positive().default(MiB),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  BOARD_CREATE_RATE_LIMIT: z.coerce.number().int().min(0).default(30),
  TRUST_PROXY: bool,
  MAX_SEND_QUEUE_BYTES: z.coerce.number().int().positive().default(SEND_QUEUE_BYTES),
  EMBED_ORIGINS: originList,
  SYNC_ALLOWED_ORIGINS: originList,
  WEBHOOKS_ALLOW_PRIVATE_NETWORK: bool,
  WEBHOOKS_RETRY_DELAYS_MS: msList(WebhookRetryDelaysMs),
  WEBHOOKS_GIVE_UP_AFTER_MS: z.coerce.number().int().positive().default(DAY_MS),
  WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  WEBHOOKS_POLL_MS: z.coerce.number().int().positive().default(5_000),
  WEBHOOKS_CONCURRENCY: z.coerce.number().int().positive().max(100).default(4),
  WEBHOOKS_OVERDUE_CHECK_MS: z.coerce.number().int().positive().default(60_000),
  BOARD_CREATION_TOKEN: z
    .string()
    .default('')
    .refine(
      (v) => v === '' || /^[\x21-\x7e]{16,200}$/.test(v),
      'must be 16 to 200 printable characters without spaces (or empty: anyone may create boards)',
    ),
})

/** The server's settings, read once from the environment at start-up. */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** Where everything is stored when set (PostgreSQL); otherwise one SQLite file in `dataDir`. */
  databaseUrl: string | undefined
  /** Several instances share live traffic through this Redis server; one instance needs none. */
  redisUrl: string | undefined
  /** Where the built client lives; served as static files. */
  clientDir: string
  limits: {
    maxMessageBytes: number
    maxDocumentBytes: number
    maxAssetBytes: number
    maxAwarenessStateBytes: number
    compactAfterUpdates: number
    /** A client whose unsent data passes this is disconnected (it stopped reading). */
    maxSendQueueBytes: number
  }
  http: {
    /** Largest request body of a route that sets no limit of its own (JSON bodies). */
    maxJsonBodyBytes: number
    /** A connection that has not sent a whole request head by then is closed (408). */
    headersTimeoutMs: number
    /** A connection that has not sent a whole request by then is closed (408). */
    requestTimeoutMs: number
    /** Boards one client address may create per minute; 0 turns the limit off. */
    boardCreateRateLimit: number
    /** Behind a reverse proxy: the client address is the last X-Forwarded-For entry. */
    trustProxy: boolean
    /** Sites allowed to show the app in a frame; none by default. */
    embedOrigins: string[]
    /** Other sites whose pages may open sync sockets; none by default. */
    syncAllowedOrigins: string[]
    /** When set, creating a board needs this token (Authorization: Bearer); null: anyone may. */
    boardCreationToken: string | null
  }
  /** Outbound webhooks: where they may go and how they are retried. */
  webhooks: {
    /** Send to loopback and private addresses too (`WEBHOOKS_ALLOW_PRIVATE_NETWORK=true`). */
    allowPrivateNetwork: boolean
    /** The wait before each retry; the last one repeats. */
    retryDelaysMs: number[]
    /** A delivery not made this long after its event is given up. */
    giveUpAfterMs: number
    /** An attempt that has no whole answer by then fails (and is retried). */
    timeoutMs: number
    /** How often the queue is looked at for deliveries due (retries, other instances'). */
    pollMs: number
    /** Attempts in flight at once on one instance. */
    concurrency: number
    /** How often hypotheses that became overdue are looked for. */
    overdueCheckMs: number
  }
  roomUnloadAfterMs: number
  logLevel: 'info' | 'warn' | 'silent'
  openInstance: boolean
  /** `full`: each commit synced to disk before anyone sees it; `relaxed`: synced at checkpoints. */
  durability: 'full' | 'relaxed'
  /** Measurements pulled from metric sources (SECRETS_KEY, PULLS_*). */
  pulls: PullsConfig
}

/**
 * The folder holding package.json: this module runs from `server/` (tsx) and from
 * `dist/server/server/` (compiled), and both serve the client built into `<root>/dist/client`.
 */
export function appRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) return resolve(from, '..')
  }
}

/** Parses the environment; a bad value stops the server with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${issues}`)
  }
  const e = parsed.data
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new Error(
      'Invalid environment: HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS',
    )
  }
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error(
      'Invalid environment: REDIS_URL needs DATABASE_URL: several instances share their boards ' +
        'through PostgreSQL, and each SQLite file belongs to one instance',
    )
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    clientDir: join(appRoot(import.meta.dirname), 'dist', 'client'),
    limits: {
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
      maxAssetBytes: e.MAX_ASSET_BYTES,
      maxAwarenessStateBytes: DefaultLimits.maxAwarenessStateBytes,
      compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
      maxSendQueueBytes: e.MAX_SEND_QUEUE_BYTES,
    },
    http: {
      maxJsonBodyBytes: e.MAX_JSON_BODY_BYTES,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      boardCreateRateLimit: e.BOARD_CREATE_RATE_LIMIT,
      trustProxy: e.TRUST_PROXY,
      embedOrigins: e.EMBED_ORIGINS,
      syncAllowedOrigins: e.SYNC_ALLOWED_ORIGINS,
      boardCreationToken: e.BOARD_CREATION_TOKEN || null,
    },
    webhooks: {
      allowPrivateNetwork: e.WEBHOOKS_ALLOW_PRIVATE_NETWORK,
      retryDelaysMs: e.WEBHOOKS_RETRY_DELAYS_MS,
      giveUpAfterMs: e.WEBHOOKS_GIVE_UP_AFTER_MS,
      timeoutMs: e.WEBHOOKS_TIMEOUT_MS,
      pollMs: e.WEBHOOKS_POLL_MS,
      concurrency: e.WEBHOOKS_CONCURRENCY,
      overdueCheckMs: e.WEBHOOKS_OVERDUE_CHECK_MS,
    },
    roomUnloadAfterMs: e.ROOM_UNLOAD_AFTER_MS,
    logLevel: e.LOG_LEVEL,
    openInstance: e.OPEN_INSTANCE,
    durability: e.DURABILITY,
    pulls: loadPullsConfig(env),
  }
}
