import type { WebhookPayload } from '../../shared/api/webhooks.js'

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

/** The hypothesis an event is about, by title. */
const hypothesis = (data: Record<string, unknown>) => {
  const h = data.hypothesis as { title?: unknown } | undefined
  return `“${str(h?.title) || 'Untitled hypothesis'}”`
}

/** One line a person reads in a chat channel, for the Slack format. */
export function slackText(payload: WebhookPayload): string {
  const d = payload.data
  switch (payload.event) {
    case 'measurement.recorded':
      return `${str(d.count)} measurement(s) recorded on ${hypothesis(d)}`
    case 'verdict.changed':
      return `The verdict on ${hypothesis(d)} changed from ${str(d.from)} to ${str(d.to)}: ${str(d.reason)}`
    case 'decision.recorded':
      return `${str(d.by) || 'Someone'} decided to ${str(d.decision)} ${hypothesis(d)}: ${str(d.rationale)}`
    case 'checkin.due':
      return d.project
        ? `A check-in is due on the project “${str((d.project as { title?: unknown }).title) || 'Untitled project'}”`
        : `A check-in is due on ${hypothesis(d)}`
    case 'hypothesis.overdue':
      return `${hypothesis(d)} is overdue: its time box ended ${str(d.timeboxEnd)} without a decision`
    case 'comment.mentioned':
      return `${str(d.by) || 'Someone'} mentioned ${str(d.mentionedNames) || 'people'} in a comment: ${str(d.text)}`
    case 'version.named':
      return `${str(d.by) || 'Someone'} saved the version “${str(d.name)}”`
  }
}
