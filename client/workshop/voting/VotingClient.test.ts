import { describe, expect, it } from 'vitest'
import type { MyVotes } from '../../../shared/api/workshop'
import type { Voting } from '../../../shared/workshop/voting'
import { ApiError } from '../../api/client'
import { VotingClient } from './VotingClient'

/** A Storage in memory, as localStorage would keep pending votes across a reload. */
class MemoryStorage implements Storage {
  private data = new Map<string, string>()
  get length() {
    return this.data.size
  }
  clear() {
    this.data.clear()
  }
  getItem(key: string) {
    return this.data.get(key) ?? null
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null
  }
  removeItem(key: string) {
    this.data.delete(key)
  }
  setItem(key: string, value: string) {
    this.data.set(key, value)
  }
}

const voting: Voting = {
  id: 'vote-1',
  scope: { kind: 'board' },
  votesPerPerson: 3,
  onePerItem: false,
  status: 'open',
  startedAt: 0,
  endedAt: null,
  results: null,
  voters: null,
}

/** A server that counts each vote id once, and can lose its answers on the way back. */
function fakeServer() {
  const votes = new Map<string, string>()
  let loseAnswers = false
  const mine = (): MyVotes => ({
    votingId: voting.id,
    mine: [...votes.values()],
    remaining: voting.votesPerPerson - votes.size,
  })
  const api = {
    myVotes: async () => mine(),
    castVote: async (_board: string, itemId: string, voteId: string) => {
      if (!votes.has(voteId)) {
        if (votes.size >= voting.votesPerPerson) {
          throw new ApiError('conflict', 'You have used all 3 of your votes', 409)
        }
        votes.set(voteId, itemId)
      }
      if (loseAnswers) throw new ApiError('network', 'Cannot reach the server.', 0)
      return mine()
    },
    retractVote: async (_board: string, itemId: string) => {
      const entry = [...votes].find(([, item]) => item === itemId)
      if (entry) votes.delete(entry[0])
      return mine()
    },
  }
  return { api, votes, setLoseAnswers: (lose: boolean) => (loseAnswers = lose) }
}

/** Resolves once the client's state satisfies `check`. */
function until(client: VotingClient, check: (c: VotingClient) => boolean) {
  return new Promise<void>((resolve) => {
    if (check(client)) return resolve()
    const stop = client.subscribe(() => {
      if (check(client)) {
        stop()
        resolve()
      }
    })
  })
}

describe('when a participant votes', () => {
  it('counts down the votes left and shows the dots once the server confirms them', async () => {
    const server = fakeServer()
    const client = new VotingClient('board', new MemoryStorage(), server.api)
    client.setVoting(voting)
    await until(client, (c) => c.getState().remaining === 3)
    client.cast('a')
    expect(client.getState()).toMatchObject({ mine: ['a'], remaining: 2 })
    client.cast('b')
    await until(client, (c) => c.getState().remaining === 1 && server.votes.size === 2)
    expect(client.getState().mine.sort()).toEqual(['a', 'b'])
    await client.retract('a')
    expect(client.getState()).toMatchObject({ mine: ['b'], remaining: 2 })
  })

  it('sends a vote whose answer was lost again after a reload, and the server counts it once', async () => {
    const server = fakeServer()
    const storage = new MemoryStorage()
    const first = new VotingClient('board', storage, server.api)
    first.setVoting(voting)
    server.setLoseAnswers(true)
    first.cast('a')
    await until(first, (c) => c.getState().error !== null)
    expect(server.votes.size).toBe(1)
    first.dispose()

    server.setLoseAnswers(false)
    const reloaded = new VotingClient('board', storage, server.api)
    reloaded.setVoting(voting)
    await until(reloaded, () => storage.length === 0)
    expect(server.votes.size).toBe(1)
    expect(reloaded.getState()).toMatchObject({ mine: ['a'], remaining: 2 })
  })

  it('shows the refusal and drops the vote when the server says no', async () => {
    const server = fakeServer()
    const storage = new MemoryStorage()
    const client = new VotingClient('board', storage, server.api)
    client.setVoting(voting)
    for (const id of ['v1', 'v2', 'v3']) server.votes.set(id, 'x')
    client.cast('a')
    await until(client, (c) => c.getState().error !== null)
    expect(client.getState().error?.message).toContain('used all')
    expect(storage.length).toBe(0)
  })

  it('forgets my votes when the vote ends', async () => {
    const server = fakeServer()
    const client = new VotingClient('board', new MemoryStorage(), server.api)
    client.setVoting(voting)
    client.cast('a')
    client.setVoting({ ...voting, status: 'closed' })
    expect(client.getState()).toMatchObject({ votingId: null, mine: [], remaining: 0 })
  })
})
