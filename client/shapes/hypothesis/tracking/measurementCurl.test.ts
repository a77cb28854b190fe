import { describe, expect, it } from 'vitest'
import { measurementCurl } from './measurementCurl'

describe('the curl command a pipeline copies', () => {
  it('posts one measurement of the metric to this hypothesis with a bearer token', () => {
    const curl = measurementCurl('https://board.example', 'Board_1', 'hyp-123456', 'conversion')
    expect(curl).toBe(
      [
        `curl -X POST 'https://board.example/api/boards/Board_1/hypotheses/hyp-123456/measurements' \\`,
        `  -H "Authorization: Bearer $TOKEN" \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -d '{"measurements":[{"metric":"conversion","value":0}]}'`,
      ].join('\n'),
    )
  })

  it('quotes what a shell would otherwise read', () => {
    const curl = measurementCurl("http://x'y", 'b', 'h', "it's")
    expect(curl).toContain(`'http://x'\\''y/api/boards/b/hypotheses/h/measurements'`)
    expect(curl).toContain(`"metric":"it'\\''s"`)
  })
})
