import { describe, expect, it } from 'vitest'
import { participantIdOf } from './participant.js'
import {
  applyWorkshopAction,
  initialWorkshopState,
  workshopActionError,
  type WorkshopAction,
  type WorkshopActor,
  type WorkshopState,
} from './workshopState.js'

const owner: WorkshopActor = { participantId: participantIdOf('o'.repeat(32)), isOwner: true }
const alice: WorkshopActor = { participantId: participantIdOf('a'.repeat(32)), isOwner: false }
let n = 0
const ids = { newId: () => `vote${String(++n).padStart(6, '0')}` }

function act(state: WorkshopState, action: WorkshopAction, actor: WorkshopActor, now = 0) {
  const error = workshopActionError(state, action, actor)
  if (error) throw new Error(error)
  return applyWorkshopAction(state, action, actor, now, ids)
}

describe('workshop roles', () => {
  it('refuses facilitation to a participant until the owner hands it over, and after it is taken back', () => {
    const start = initialWorkshopState()
    const summon: WorkshopAction = { type: 'summon' }
    expect(workshopActionError(start, summon, alice)).toMatch(/Only the facilitator/)
    const handed = act(
      start,
      { type: 'facilitator', participantId: alice.participantId, on: true },
      owner,
    )
    expect(workshopActionError(handed, summon, alice)).toBeNull()
    expect(
      workshopActionError(
        handed,
        { type: 'facilitator', participantId: alice.participantId, on: true },
        alice,
      ),
    ).toMatch(/Only the board owner/)
    const taken = act(
      handed,
      { type: 'facilitator', participantId: alice.participantId, on: false },
      owner,
    )
    expect(workshopActionError(taken, summon, alice)).toMatch(/Only the facilitator/)
  })

  it('derives different public ids from different secrets, the same from the same', () => {
    expect(participantIdOf('x'.repeat(32))).toBe(participantIdOf('x'.repeat(32)))
    expect(participantIdOf('x'.repeat(32))).not.toBe(participantIdOf('y'.repeat(32)))
    expect(participantIdOf('x'.repeat(32))).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('facilitation', () => {
  it('runs one vote at a time and records its results when it ends', () => {
    let s = act(
      initialWorkshopState(),
      {
        type: 'startVoting',
        voting: { scope: { kind: 'board' }, votesPerPerson: 3, onePerItem: true },
      },
      owner,
      10,
    )
    expect(s.voting).toMatchObject({
      status: 'open',
      votesPerPerson: 3,
      startedAt: 10,
      results: null,
    })
    expect(
      workshopActionError(
        s,
        {
          type: 'startVoting',
          voting: { scope: { kind: 'board' }, votesPerPerson: 1, onePerItem: false },
        },
        owner,
      ),
    ).toMatch(/already running/)
    s = applyWorkshopAction(s, { type: 'endVoting' }, owner, 20, {
      ...ids,
      results: { ranked: [{ itemId: 'a', label: 'A', votes: 2 }], voters: 2 },
    })
    expect(s.voting).toMatchObject({ status: 'closed', endedAt: 20, voters: 2 })
    expect(s.voting?.results).toEqual([{ itemId: 'a', label: 'A', votes: 2 }])
    expect(workshopActionError(s, { type: 'endVoting' }, owner)).toMatch(/No vote is running/)
    const second = act(
      s,
      {
        type: 'startVoting',
        voting: { scope: { kind: 'board' }, votesPerPerson: 1, onePerItem: false },
      },
      owner,
      30,
    )
    expect(second).not.toHaveProperty('pastVotes')
    expect(second.voting).toMatchObject({ status: 'open', startedAt: 30 })
  })

  it('turns private mode and locks on and off per scope', () => {
    const canvas = { kind: 'canvas' as const, canvasId: 'canvas0001' }
    const frame = { kind: 'frame' as const, shapeId: 'shape:frame1' }
    let s = act(initialWorkshopState(), { type: 'private', scope: canvas, on: true }, owner, 5)
    s = act(s, { type: 'private', scope: frame, on: true }, owner, 6)
    s = act(s, { type: 'private', scope: canvas, on: false }, owner, 7)
    expect(s.privateScopes).toEqual([{ scope: frame, since: 6 }])
    s = act(s, { type: 'lock', scope: canvas, locked: true }, owner)
    s = act(s, { type: 'lock', scope: canvas, locked: true }, owner)
    expect(s.locks).toEqual([canvas])
    expect(act(s, { type: 'lock', scope: canvas, locked: false }, owner).locks).toEqual([])
  })

  it('makes the facilitator the leader everyone follows, until it stops', () => {
    const handed = act(
      initialWorkshopState(),
      { type: 'facilitator', participantId: alice.participantId, on: true },
      owner,
    )
    const following = act(handed, { type: 'follow', on: true }, alice, 3)
    expect(following.follow).toEqual({ leaderId: alice.participantId, since: 3 })
    expect(act(following, { type: 'follow', on: false }, alice).follow).toBeNull()
    expect(act(handed, { type: 'summon' }, alice, 9).summon).toEqual({
      leaderId: alice.participantId,
      at: 9,
    })
  })
})
