import { randomBytes } from 'node:crypto'
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  CreateWebhookBodySchema,
  CreatedWebhookSchema,
  DeliveryIdSchema,
  DeliveryListSchema,
  DeliverySchema,
  SlackPayloadSchema,
  WebhookIdSchema,
  WebhookLimits,
  WebhookListSchema,
  WebhookPayloadSchema,
  WebhookSchema,
  WebhookSignatureHeader,
  type Delivery,
  type Webhook,
  type WebhookEvent,
  type WebhookFormat,
} from '../../shared/api/webhooks.js'
import {
  ParticipantHeader,
  ParticipantSecretSchema,
  participantIdOf,
} from '../../shared/workshop/participant.js'
import { isFacilitator } from '../../shared/workshop/workshopState.js'
import type { AccessEnv } from '../access/restAccess.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'
import type { StoredDelivery, StoredWebhook } from '../persistence/types.js'
import {
  AddressRefusedError,
  AddressUnresolvedError,
  resolveWebhookHost,
} from '../http/addressPolicy.js'

const Params = z.object({ boardId: BoardIdSchema })
const WebhookParams = Params.extend({ webhookId: WebhookIdSchema })
const DeliveryParams = WebhookParams.extend({ deliveryId: DeliveryIdSchema })
const ManagerHeaders = z.object({
  [ParticipantHeader]: ParticipantSecretSchema.optional().describe(
    'The secret this browser keeps for its person: a facilitator who is not the owner sends it',
  ),
})

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())

const webhookView = (w: StoredWebhook): Webhook => ({
  id: w.id,
  url: w.url,
  events: w.events as WebhookEvent[],
  format: w.format as WebhookFormat,
  createdAt: new Date(w.createdAt).toISOString(),
})

const deliveryView = (d: StoredDelivery): Delivery => ({
  id: d.id,
  event: d.event as WebhookEvent,
  status: d.status,
  attempts: d.attempts,
  createdAt: new Date(d.createdAt).toISOString(),
  lastAttemptAt: iso(d.lastAttemptAt),
  responseStatus: d.responseStatus,
  error: d.error,
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
})

/** What a webhook receives, for the API document's `webhooks` section (server/apiDocument.ts). */
export function registerWebhookDelivery(registry: OpenAPIHono['openAPIRegistry']) {
  registry.registerWebhook({
    method: 'post',
    path: 'boardEvent',
    summary: 'A board event, posted to each webhook that wants it',
    description:
      `Signed in \`${WebhookSignatureHeader}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>\`. ` +
      'Retried with backoff for a day until the endpoint answers 2xx; `id` stays the same on ' +
      'every retry and resend. An endpoint in the Slack format receives `{ text }` instead ' +
      '(docs/webhooks.md).',
    request: {
      headers: z.object({ [WebhookSignatureHeader]: z.string() }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.union([
              WebhookPayloadSchema.meta({ id: 'WebhookPayload' }),
              SlackPayloadSchema.meta({ id: 'SlackPayload' }),
            ]),
          },
        },
      },
    },
    responses: { 200: { description: 'Any 2xx: delivered; anything else is retried' } },
  })
}

/** The webhooks of a board: add (secret shown once), list, delete, their delivery log, resend. */
export function webhookRoutes(ctx: ServerContext) {
  /** Webhooks are the owner's and the facilitators' (who get the role from the owner). */
  const requireManager = async (
    boardId: string,
    role: string,
    headers: z.infer<typeof ManagerHeaders>,
  ) => {
    if (role === 'owner') return
    const secret = headers[ParticipantHeader]
    const state = await ctx.workshop.get(boardId)
    const actor = { participantId: secret ? participantIdOf(secret) : '', isOwner: false }
    if (!secret || !isFacilitator(state, actor)) {
      throw new ApiError(
        'forbidden',
        'Only the board’s owner or a facilitator manages its webhooks',
      )
    }
  }
  const findWebhook = async (boardId: string, webhookId: string) => {
    const found = (await ctx.persistence.listWebhooks(boardId)).find((w) => w.id === webhookId)
    if (!found) throw new ApiError('not_found', 'No webhook with this id on this board')
    return found
  }

  const routes = openApiRoutes<AccessEnv>()
  return routes
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/webhooks',
        operationId: 'createWebhook',
        summary: 'Add a webhook; its secret is shown in this answer only',
        description:
          `At most ${WebhookLimits.perBoard} per board. The URL must reach a public address ` +
          '(unless the operator allows private networks); the secret is generated when not given.',
        request: {
          params: Params,
          headers: ManagerHeaders,
          body: jsonBody(CreateWebhookBodySchema),
        },
        responses: {
          201: json(CreatedWebhookSchema, 'The webhook with its secret'),
          ...errors(400, 403, 404, 409, 413, 503),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireManager(boardId, c.var.role, c.req.valid('header'))
        const body = c.req.valid('json')
        if ((await ctx.persistence.listWebhooks(boardId)).length >= WebhookLimits.perBoard) {
          throw new ApiError(
            'conflict',
            `A board has at most ${WebhookLimits.perBoard} webhooks: delete one first`,
          )
        }
        try {
          await resolveWebhookHost(
            new URL(body.url).hostname,
            ctx.config.webhooks.allowPrivateNetwork,
          )
        } catch (error) {
          if (error instanceof AddressRefusedError || error instanceof AddressUnresolvedError) {
            throw new ApiError('invalid_body', `url: ${error.message}`)
          }
          throw error
        }
        const webhook: StoredWebhook = {
          id: randomBytes(9).toString('base64url'),
          boardId,
          url: body.url,
          events: body.events,
          format: body.format,
          secret: body.secret ?? `whsec_${randomBytes(32).toString('base64url')}`,
          createdAt: ctx.now(),
        }
        await ctx.persistence.createWebhook(webhook)
        return c.json({ ...webhookView(webhook), secret: webhook.secret }, 201)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/webhooks',
        operationId: 'listWebhooks',
        summary: 'The board’s webhooks (never their secrets)',
        request: { params: Params, headers: ManagerHeaders },
        responses: { 200: json(WebhookListSchema, 'The webhooks'), ...errors(400, 403, 404) },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireManager(boardId, c.var.role, c.req.valid('header'))
        const webhooks = await ctx.persistence.listWebhooks(boardId)
        return c.json({ webhooks: webhooks.map(webhookView) }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/webhooks/{webhookId}',
        operationId: 'getWebhook',
        summary: 'One webhook (never its secret)',
        request: { params: WebhookParams, headers: ManagerHeaders },
        responses: { 200: json(WebhookSchema, 'The webhook'), ...errors(400, 403, 404) },
      }),
      async (c) => {
        const { boardId, webhookId } = c.req.valid('param')
        await requireManager(boardId, c.var.role, c.req.valid('header'))
        return c.json(webhookView(await findWebhook(boardId, webhookId)), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{boardId}/webhooks/{webhookId}',
        operationId: 'deleteWebhook',
        summary: 'Delete a webhook with its deliveries: nothing more is sent to it',
        request: { params: WebhookParams, headers: ManagerHeaders },
        responses: { 204: { description: 'Deleted' }, ...errors(400, 403, 404, 503) },
      }),
      async (c) => {
        const { boardId, webhookId } = c.req.valid('param')
        await requireManager(boardId, c.var.role, c.req.valid('header'))
        if (!(await ctx.persistence.deleteWebhook(boardId, webhookId))) {
          throw new ApiError('not_found', 'No webhook with this id on this board')
        }
        return c.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/webhooks/{webhookId}/deliveries',
        operationId: 'listWebhookDeliveries',
        summary: `The webhook’s last ${WebhookLimits.log} deliveries, newest first`,
        request: { params: WebhookParams, headers: ManagerHeaders },
        responses: { 200: json(DeliveryListSchema, 'The deliveries'), ...errors(400, 403, 404) },
      }),
      async (c) => {
        const { boardId, webhookId } = c.req.valid('param')
        await requireManager(boardId, c.var.role, c.req.valid('header'))
        await findWebhook(boardId, webhookId)
        const deliveries = await ctx.persistence.listDeliveries(
          boardId,
          webhookId,
          WebhookLimits.log,
        )
        return c.json({ deliveries: deliveries.map(deliveryView) }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/webhooks/{webhookId}/deliveries/{deliveryId}/resend',
        operationId: 'resendWebhookDelivery',
        summary: 'Send a delivery again now (the same event id), retried for a day as new',
        request: { params: DeliveryParams, headers: ManagerHeaders },
        responses: {
          202: json(DeliverySchema, 'The delivery, queued'),
          ...errors(400, 403, 404, 409, 503),
        },
      }),
      async (c) => {
        const { boardId, webhookId, deliveryId } = c.req.valid('param')
        await requireManager(boardId, c.var.role, c.req.valid('header'))
        await findWebhook(boardId, webhookId)
        const log = await ctx.persistence.listDeliveries(boardId, webhookId, WebhookLimits.log)
        const delivery = log.find((d) => d.id === deliveryId)
        if (!delivery) throw new ApiError('not_found', 'No delivery with this id in the log')
        const now = ctx.now()
        const queued = await ctx.persistence.resendDelivery(
          boardId,
          webhookId,
          deliveryId,
          now,
          now + ctx.config.webhooks.giveUpAfterMs,
        )
        if (!queued) throw new ApiError('conflict', 'This delivery is being sent right now')
        ctx.webhooks.wake()
        return c.json(
          deliveryView({ ...delivery, status: 'pending', nextAttemptAt: now, leaseUntil: null }),
          202,
        )
      },
    )
}
