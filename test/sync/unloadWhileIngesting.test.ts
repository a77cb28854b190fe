import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiClient,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
  type Api,
} from '../helpers/api.js'
import { editBoard } from '../../server/routes/boardDoc.js'
import { RoomClosedError } from '../../server/sync/Room.js'
import { getBoardMeta } from '../../shared/doc/layout.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { createBoard, createOwnedBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
let api: Api
beforeAll(async () => {
  // Rooms opened by the API unload almost at once, so requests keep meeting rooms that unload.
  server = await startTestServer({ env: { ROOM_UNLOAD_AFTER_MS: '0' } })
  api = apiClient(server.url)
})
afterAll(() => server.cleanup())

describe('an API edit that meets a room being unloaded', () => {
  it('is made again in a freshly loaded room, not lost', async () => {
    const boardId = await createBoard(server.url)
    const { rooms } = server.server.context
    let attempts = 0
    await editBoard(async () => {
      attempts++
      const room = await rooms.getRoom(boardId)
      // The board unloads between opening it and editing it, as an idle room can.
      if (attempts === 1) await rooms.closeBoard(boardId, CloseCodes.ServerShuttingDown)
      await room.transact((doc) => getBoardMeta(doc).set('note', 'kept'))
    })
    expect(attempts).toBe(2)
    expect(getBoardMeta((await rooms.getRoom(boardId)).doc).get('note')).toBe('kept')
  })

  it('is refused by a room whose document is freed', async () => {
    const boardId = await createBoard(server.url)
    const room = await server.server.context.rooms.getRoom(boardId)
    await server.server.context.rooms.closeBoard(boardId, CloseCodes.ServerShuttingDown)
    await expect(room.transact(() => undefined)).rejects.toThrow(RoomClosedError)
  })
})

describe('when a board unloads while measurements arrive', () => {
  it('loses none of them', async () => {
    const board = await createOwnedBoard(server.url)
    const boardId = board.id
    const id = await createHypothesis(api, boardId)
    await setStatus(api, boardId, id, 'running')
    const { token } = await createToken(api, board)
    const rounds = 20
    const perRound = 10
    for (let r = 0; r < rounds; r++) {
      const results = await Promise.all(
        Array.from({ length: perRound }, (_, i) =>
          postMeasurements(api, boardId, id, token, {
            measurements: [{ metric: 'conversion', value: r, id: `r${r}-${i}` }],
          }),
        ),
      )
      expect(results.map((res) => res.status)).toEqual(Array(perRound).fill(200))
    }
    const view = await api(`/api/boards/${boardId}/hypotheses/${id}`)
    expect(view.json.measurements).toHaveLength(rounds * perRound)
  })
})
