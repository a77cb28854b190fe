import { describe, expect, it } from 'vitest'
import { WebhookEvents, type WebhookPayload } from '../../shared/api/webhooks.js'
import { slackText } from './slackText.js'
import { webhookBody } from './webhookSender.js'

const payload = (
  event: WebhookPayload['event'],
  data: Record<string, unknown>,
): WebhookPayload => ({
  id: 'e1',
  event,
  at: '2026-11-02T09:00:00.000Z',
  boardId: 'b1',
  data,
})
const hypothesis = { id: 'h1', title: 'One-page checkout' }

describe('the Slack line of each event', () => {
  it('says who decided what, about which hypothesis, and why', () => {
    const text = slackText(
      payload('decision.recorded', {
        hypothesis,
        decision: 'pivot',
        rationale: 'Buyers still drop at shipping',
        by: 'Ada',
      }),
    )
    expect(text).toBe('Ada decided to pivot “One-page checkout”: Buyers still drop at shipping')
  })

  it('names the verdict before and after', () => {
    expect(
      slackText(
        payload('verdict.changed', { hypothesis, from: 'pending', to: 'supported', reason: 'Met' }),
      ),
    ).toBe('The verdict on “One-page checkout” changed from pending to supported: Met')
  })

  it.each(WebhookEvents)('gives %s a line even when its data is missing', (event) => {
    expect(slackText(payload(event, {})).length).toBeGreaterThan(10)
  })

  it('is the whole body in the Slack format, and the envelope is the JSON body', () => {
    const stored = JSON.stringify(payload('version.named', { name: 'Kickoff', by: 'Ben' }))
    expect(JSON.parse(webhookBody(stored, 'slack'))).toEqual({
      text: 'Ben saved the version “Kickoff”',
    })
    expect(webhookBody(stored, 'json')).toBe(stored)
  })
})
