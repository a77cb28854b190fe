import { z } from 'zod'

/** How the server pulls measurements from metric sources (docs/sources.md). */
export interface PullsConfig {
  /** Encrypts the secret header values of sources; without it, a key file in DATA_DIR. */
  secretsKey: string | null
  /** Whether sources may be on loopback, private or link-local addresses. */
  allowPrivateNetwork: boolean
  /** How often the poller looks for due sources. */
  tickMs: number
}

const PullsEnvSchema = z.object({
  SECRETS_KEY: z
    .string()
    .default('')
    .refine(
      (v) => v === '' || v.length >= 32,
      'must be at least 32 characters (openssl rand -base64 32), or empty',
    ),
  PULLS_ALLOW_PRIVATE_NETWORK: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  PULLS_TICK_MS: z.coerce.number().int().min(50).max(600_000).default(15_000),
})

/** Reads the settings of pulled measurements; a bad value throws naming it. */
export function loadPullsConfig(env: Record<string, string | undefined>): PullsConfig {
  const parsed = PullsEnvSchema.safeParse(env)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${issues}`)
  }
  const e = parsed.data
  return {
    secretsKey: e.SECRETS_KEY || null,
    allowPrivateNetwork: e.PULLS_ALLOW_PRIVATE_NETWORK,
    tickMs: e.PULLS_TICK_MS,
  }
}
