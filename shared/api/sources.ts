import { z } from 'zod'
import { EntityIdSchema } from '../canvases/baseContent.js'
import { MetricSchema } from '../canvases/hypothesis/metric.js'
import { JsonPathSchema } from '../sources/jsonPath.js'

/** How often a source is polled, in minutes: at least every minute, at most once a day. */
export const MinPollMinutes = 1
export const MaxPollMinutes = 1440
/** Headers a JSON source may send (names and values). */
export const MaxSourceHeaders = 10

const EveryMinutes = z
  .number()
  .int('must be a whole number of minutes')
  .min(MinPollMinutes, `must be at least ${MinPollMinutes}`)
  .max(MaxPollMinutes, `must be at most ${MaxPollMinutes} (once a day)`)

const HttpUrl = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      return /^https?:$/.test(new URL(v).protocol)
    } catch {
      return false
    }
  }, 'must be an http:// or https:// URL')

/** A header name as HTTP allows it (a token). */
const HeaderName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'is not a valid header name')

/** The metric key in a source's path. */
export const MetricKeyParamSchema = MetricSchema.shape.key

export const PrometheusSourceInputSchema = z.strictObject({
  kind: z.literal('prometheus'),
  /** The Prometheus server, e.g. http://prometheus:9090 (the API path is added). */
  baseUrl: HttpUrl,
  /** A PromQL instant query whose first sample is the value. */
  query: z.string().trim().min(1, 'is required').max(2000),
  everyMinutes: EveryMinutes,
})

/** A header to send; without a value on an edit, the stored (secret) value is kept. */
export const SourceHeaderInputSchema = z.strictObject({
  name: HeaderName,
  value: z.string().max(4000).optional(),
})

export const JsonSourceInputSchema = z.strictObject({
  kind: z.literal('json'),
  url: HttpUrl,
  headers: z.array(SourceHeaderInputSchema).max(MaxSourceHeaders).default([]),
  /** Where the value is in the answer, e.g. `$.metrics[-1].value`. */
  valuePath: JsonPathSchema,
  /** Where its time is; the time of the poll when absent. */
  timePath: JsonPathSchema.optional(),
  everyMinutes: EveryMinutes,
})

/** PUT …/metrics/:metricKey/source: connect a metric to where it lives, or change how. */
export const SourceInputSchema = z.discriminatedUnion('kind', [
  PrometheusSourceInputSchema,
  JsonSourceInputSchema,
])
export type SourceInput = z.infer<typeof SourceInputSchema>

/** A source as the API shows it: header values are never shown, only their names. */
export const SourceConfigViewSchema = z.discriminatedUnion('kind', [
  PrometheusSourceInputSchema.strict(),
  z.object({
    kind: z.literal('json'),
    url: z.string(),
    headerNames: z.array(z.string()),
    valuePath: z.string(),
    timePath: z.string().nullable(),
    everyMinutes: z.number().int(),
  }),
])
export type SourceConfigView = z.infer<typeof SourceConfigViewSchema>

const Iso = z.string()

/** A source with how its polls went. */
export const MetricSourceViewSchema = z
  .object({
    hypothesisId: EntityIdSchema,
    metricKey: z.string(),
    source: SourceConfigViewSchema,
    /** When it was last polled (ISO), whatever came of it; null before the first poll. */
    lastPollAt: Iso.nullable(),
    /** When it is polled next (ISO). */
    nextPollAt: Iso,
    /** Why the last poll recorded nothing; null when it succeeded. */
    lastError: z.string().nullable(),
    /** The last value read, and the time the source gave it (ISO). */
    lastValue: z.number().nullable(),
    lastValueAt: Iso.nullable(),
  })
  .meta({ id: 'MetricSource' })
export type MetricSourceView = z.infer<typeof MetricSourceViewSchema>

/** GET /api/boards/:boardId/sources */
export const BoardSourcesSchema = z.object({ sources: z.array(MetricSourceViewSchema) })

/** POST …/source/poll: what this poll did. */
export const PollResultSchema = z.object({
  /** Whether a new measurement was recorded (false for one recorded before, or a failure). */
  recorded: z.boolean(),
  /** Why nothing could be read or recorded; null when the poll succeeded. */
  error: z.string().nullable(),
  source: MetricSourceViewSchema,
})
export type PollResult = z.infer<typeof PollResultSchema>
