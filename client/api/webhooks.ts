import {
  CreatedWebhookSchema,
  DeliveryListSchema,
  DeliverySchema,
  WebhookListSchema,
  type CreateWebhookBody,
  type CreatedWebhook,
  type Delivery,
  type Webhook,
} from '../../shared/api/webhooks'
import { ParticipantHeader } from '../../shared/workshop/participant'
import { useUiStore } from '../state/uiStore'
import { answer, api, done, withKey } from './client'

const webhooks = api.boards[':boardId'].webhooks
/** A facilitator who is not the owner manages webhooks as the person the secret names. */
const participant = () => ({ [ParticipantHeader]: useUiStore.getState().participantSecret })

/** The board's webhooks (never their secrets). */
export async function listWebhooks(boardId: string, signal?: AbortSignal): Promise<Webhook[]> {
  const call = webhooks.$get(
    { param: { boardId }, header: participant() },
    withKey(boardId, { signal }),
  )
  return (await answer(call, WebhookListSchema)).webhooks
}

/** Adds a webhook; its secret is in this answer only. */
export function createWebhook(boardId: string, body: CreateWebhookBody): Promise<CreatedWebhook> {
  const call = webhooks.$post(
    { param: { boardId }, header: participant(), json: body },
    withKey(boardId),
  )
  return answer(call, CreatedWebhookSchema)
}

/** Deletes a webhook: nothing more is sent to it. */
export function deleteWebhook(boardId: string, webhookId: string): Promise<void> {
  return done(
    webhooks[':webhookId'].$delete(
      { param: { boardId, webhookId }, header: participant() },
      withKey(boardId),
    ),
  )
}

/** The webhook's last deliveries, newest first. */
export async function listDeliveries(
  boardId: string,
  webhookId: string,
  signal?: AbortSignal,
): Promise<Delivery[]> {
  const call = webhooks[':webhookId'].deliveries.$get(
    { param: { boardId, webhookId }, header: participant() },
    withKey(boardId, { signal }),
  )
  return (await answer(call, DeliveryListSchema)).deliveries
}

/** Sends a delivery again now. */
export function resendDelivery(
  boardId: string,
  webhookId: string,
  deliveryId: string,
): Promise<Delivery> {
  const call = webhooks[':webhookId'].deliveries[':deliveryId'].resend.$post(
    { param: { boardId, webhookId, deliveryId }, header: participant() },
    withKey(boardId),
  )
  return answer(call, DeliverySchema)
}
