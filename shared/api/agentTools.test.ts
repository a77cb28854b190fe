import { describe, expect, it } from 'vitest'
import { AgentNameLimit, DefaultAgentName, agentName } from './agentTools.js'

describe('the name an agent’s changes are attributed to', () => {
  it('is its client’s name as one line of visible text', () => {
    expect(agentName('  Research\nagent\u202e ')).toBe('Research agent')
  })

  it('is cut to the limit a name on the board has', () => {
    expect(agentName('x'.repeat(200))).toHaveLength(AgentNameLimit)
  })

  it('falls back to a plain name when the client gives none that shows', () => {
    expect(agentName(undefined)).toBe(DefaultAgentName)
    expect(agentName(' \u0000\t ')).toBe(DefaultAgentName)
  })
})
