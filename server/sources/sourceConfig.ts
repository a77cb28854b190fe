import { z } from 'zod'
import type { SourceConfigView, SourceInput } from '../../shared/api/sources.js'
import { PullError } from './pullRequest.js'
import type { SecretBox } from './secretBox.js'

/** A source's configuration as stored: header values sealed, never in plain text. */
const StoredConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('prometheus'),
    baseUrl: z.string(),
    query: z.string(),
    everyMinutes: z.number().int().positive(),
  }),
  z.object({
    kind: z.literal('json'),
    url: z.string(),
    headers: z.array(z.object({ name: z.string(), sealed: z.string() })),
    valuePath: z.string(),
    timePath: z.string().nullable(),
    everyMinutes: z.number().int().positive(),
  }),
])
export type StoredConfig = z.infer<typeof StoredConfigSchema>

/** A stored configuration, checked: the database is read like any other input. */
export function parseStoredConfig(json: string): StoredConfig {
  return StoredConfigSchema.parse(JSON.parse(json))
}

/**
 * The configuration to store for an input: header values sealed; a header given without a
 * value keeps the value stored before (a 400 from the caller when there is none).
 */
export function storedConfigOf(
  input: SourceInput,
  before: StoredConfig | undefined,
  secrets: SecretBox,
): StoredConfig | { missingHeader: string } {
  if (input.kind === 'prometheus') return input
  const kept = new Map(
    before?.kind === 'json' ? before.headers.map((h) => [h.name.toLowerCase(), h.sealed]) : [],
  )
  const headers: { name: string; sealed: string }[] = []
  for (const h of input.headers) {
    const sealed = h.value !== undefined ? secrets.seal(h.value) : kept.get(h.name.toLowerCase())
    if (sealed === undefined) return { missingHeader: h.name }
    headers.push({ name: h.name, sealed })
  }
  return {
    kind: 'json',
    url: input.url,
    headers,
    valuePath: input.valuePath,
    timePath: input.timePath ?? null,
    everyMinutes: input.everyMinutes,
  }
}

/** What the API shows of a configuration: header names, never their values. */
export function configView(config: StoredConfig): SourceConfigView {
  if (config.kind === 'prometheus') return config
  const { headers, ...rest } = config
  return { ...rest, headerNames: headers.map((h) => h.name) }
}

/** The headers to send, opened. */
export function openHeaders(config: StoredConfig, secrets: SecretBox): Record<string, string> {
  if (config.kind !== 'json') return {}
  const headers: Record<string, string> = {}
  for (const h of config.headers) {
    try {
      headers[h.name] = secrets.open(h.sealed)
    } catch {
      throw new PullError(
        `The stored value of the ${h.name} header cannot be read with this server's key (SECRETS_KEY differs?): enter it again`,
      )
    }
  }
  return headers
}

/** Who the measurements of a source are attributed to. */
export function attributionOf(config: StoredConfig): string {
  if (config.kind === 'prometheus') return 'Prometheus'
  return `JSON from ${new URL(config.url).host}`
}
