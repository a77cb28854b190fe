/** What a tracking form's last action did: a quiet status, or an alert when it was refused. */
export function OutcomeMessage({
  message,
  testId,
}: {
  message: { ok: boolean; text: string } | null
  testId: string
}) {
  if (!message) return null
  return (
    <p
      className={message.ok ? 'tracking-ok' : 'tracking-refusal'}
      role={message.ok ? 'status' : 'alert'}
      data-testid={testId}
    >
      {message.text}
    </p>
  )
}
