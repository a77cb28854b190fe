import { z } from 'zod'

/** What a board can tell other systems about, by name (docs/webhooks.md). */
export const WebhookEvents = [
  'measurement.recorded',
  'verdict.changed',
  'decision.recorded',
  'checkin.due',
  'hypothesis.overdue',
  'comment.mentioned',
  'version.named',
] as const
export type WebhookEvent = (typeof WebhookEvents)[number]

/** `json`: the signed event envelope; `slack`: `{ text }`, what a Slack incoming webhook takes. */
export const WebhookFormats = ['json', 'slack'] as const
export type WebhookFormat = (typeof WebhookFormats)[number]

export const WebhookLimits = {
  /** Endpoints per board. */
  perBoard: 20,
  urlLength: 2000,
  secretMin: 16,
  secretMax: 200,
  /** Deliveries the log shows. */
  log: 50,
} as const

/** The header a delivery's signature travels in: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WebhookSignatureHeader = 'X-Discovery-Signature'

/** A webhook's id, and a delivery's. */
export const WebhookIdSchema = z.string().regex(/^[A-Za-z0-9_-]{12}$/, 'not a webhook id')
export const DeliveryIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'not a delivery id')

export const WebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'an http or https address' })
  .max(WebhookLimits.urlLength, `at most ${WebhookLimits.urlLength} characters`)

/** POST /api/boards/:boardId/webhooks */
export const CreateWebhookBodySchema = z.strictObject({
  url: WebhookUrlSchema,
  events: z
    .array(z.enum(WebhookEvents))
    .min(1, 'choose at least one event')
    .max(WebhookEvents.length)
    .refine((e) => new Set(e).size === e.length, 'each event once'),
  /** Generated when not given; shown once, in the answer to this request. */
  secret: z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'printable characters without spaces')
    .min(WebhookLimits.secretMin, `at least ${WebhookLimits.secretMin} characters`)
    .max(WebhookLimits.secretMax, `at most ${WebhookLimits.secretMax} characters`)
    .optional(),
  format: z.enum(WebhookFormats).default('json'),
})
export type CreateWebhookBody = z.input<typeof CreateWebhookBodySchema>

/** A webhook as the board's managers see it: never its secret. */
export const WebhookSchema = z.object({
  id: WebhookIdSchema,
  url: z.string(),
  events: z.array(z.enum(WebhookEvents)),
  format: z.enum(WebhookFormats),
  createdAt: z.string(),
})
export type Webhook = z.infer<typeof WebhookSchema>

/** 201: the webhook with its secret, shown in this answer only. */
export const CreatedWebhookSchema = WebhookSchema.extend({ secret: z.string() })
export type CreatedWebhook = z.infer<typeof CreatedWebhookSchema>

export const WebhookListSchema = z.object({ webhooks: z.array(WebhookSchema) })

export const DeliveryStatuses = ['pending', 'sending', 'delivered', 'failed'] as const
export type DeliveryStatus = (typeof DeliveryStatuses)[number]

/** One delivery of an event to one endpoint, as its log shows it. */
export const DeliverySchema = z.object({
  id: DeliveryIdSchema,
  event: z.enum(WebhookEvents),
  status: z.enum(DeliveryStatuses),
  attempts: z.number().int(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  /** The HTTP status the endpoint answered last, if it answered. */
  responseStatus: z.number().int().nullable(),
  /** Why the last attempt failed (timeout, refused address, …), if it did. */
  error: z.string().nullable(),
  /** When it is tried again; null once delivered or given up. */
  nextAttemptAt: z.string().nullable(),
})
export type Delivery = z.infer<typeof DeliverySchema>

export const DeliveryListSchema = z.object({ deliveries: z.array(DeliverySchema) })

/** What every delivery in the `json` format carries (and what the signature covers). */
export const WebhookPayloadSchema = z.object({
  /** The delivery's event id: the same on every retry and resend, so receivers can dedupe. */
  id: z.string(),
  event: z.enum(WebhookEvents),
  /** When the event happened (ISO). */
  at: z.string(),
  boardId: z.string(),
  /** What happened; its fields depend on the event (docs/webhooks.md). */
  data: z.record(z.string(), z.unknown()),
})
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>

/** The body in the `slack` format. */
export const SlackPayloadSchema = z.object({ text: z.string() })
