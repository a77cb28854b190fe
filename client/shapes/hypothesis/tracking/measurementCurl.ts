/** Wraps a value in single quotes for a POSIX shell. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

/**
 * A curl command that posts one measurement of `metricKey` to this hypothesis, ready to copy
 * into a pipeline: the token is left as `$TOKEN`, to be set from where the pipeline keeps
 * its secrets (an ingestion token of the board, made by the board's owner under More → Ingestion tokens).
 */
export function measurementCurl(
  origin: string,
  boardId: string,
  hypothesisId: string,
  metricKey: string,
): string {
  const url = `${origin}/api/boards/${encodeURIComponent(boardId)}/hypotheses/${encodeURIComponent(hypothesisId)}/measurements`
  const body = JSON.stringify({ measurements: [{ metric: metricKey, value: 0 }] })
  return [
    `curl -X POST ${shellQuote(url)} \\`,
    `  -H "Authorization: Bearer $TOKEN" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n')
}
