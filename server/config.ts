import { resolve } from 'node:path'
import { z } from 'zod'
import { DefaultLimits } from '../shared/protocol/limits.js'

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1')

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(DefaultLimits.maxMessageBytes),
  MAX_DOCUMENT_BYTES: z.coerce.number().int().positive().default(DefaultLimits.maxDocumentBytes),
  MAX_ASSET_BYTES: z.coerce.number().int().positive().default(DefaultLimits.maxAssetBytes),
  ROOM_UNLOAD_AFTER_MS: z.coerce.number().int().min(0).default(10_000),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().positive().default(500),
  LOG_LEVEL: z.enum(['info', 'warn', 'silent']).default('info'),
  OPEN_INSTANCE: bool,
})

/** The server's settings, read once from the environment at start-up. */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** Where the built client lives; served as static files. */
  clientDir: string
  limits: {
    maxMessageBytes: number
    maxDocumentBytes: number
    maxAssetBytes: number
    maxAwarenessStateBytes: number
    compactAfterUpdates: number
  }
  roomUnloadAfterMs: number
  logLevel: 'info' | 'warn' | 'silent'
  openInstance: boolean
}

/** Parses the environment; a bad value stops the server with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${issues}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    clientDir: resolve(import.meta.dirname, '../dist/client'),
    limits: {
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
      maxAssetBytes: e.MAX_ASSET_BYTES,
      maxAwarenessStateBytes: DefaultLimits.maxAwarenessStateBytes,
      compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    },
    roomUnloadAfterMs: e.ROOM_UNLOAD_AFTER_MS,
    logLevel: e.LOG_LEVEL,
    openInstance: e.OPEN_INSTANCE,
  }
}
