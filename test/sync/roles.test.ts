import { afterEach, describe, expect, it, vi } from 'vitest'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import type { Role } from '../../shared/api/links.js'
import { connectClient, createOwnedBoard, keyOf, type TestClient } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.cleanup()
})

/** A server with share links (the default mode) and one board with its keys. */
async function boardWithLinks() {
  const s = await startTestServer({ env: { OPEN_INSTANCE: 'false' } })
  servers.push(s)
  const board = await createOwnedBoard(s.url, 'Workshop')
  const key = (role: Role) => keyOf(board, role)
  const connect = (k: string | null) => {
    const c = connectClient(s.wsUrl, board.id, { params: k ? { key: k } : {} })
    clients.push(c)
    return c
  }
  return { s, board, key, connect }
}

describe('roles on the sync endpoint', () => {
  describe('when a viewer or a commenter sends document updates from a raw client', () => {
    it('never applies or stores them, while the editor’s go through', async () => {
      const { s, key, connect, board } = await boardWithLinks()
      const editor = connect(key('edit'))
      const viewer = connect(key('view'))
      const commenter = connect(key('comment'))
      await Promise.all([editor.synced, viewer.synced, commenter.synced])
      viewer.records.set('shape:fromViewer', '{}')
      commenter.records.set('shape:fromCommenter', '{}')
      editor.records.set('shape:fromEditor', '{}')
      await vi.waitFor(() => expect(viewer.records.has('shape:fromEditor')).toBe(true))
      expect(editor.records.has('shape:fromViewer')).toBe(false)
      expect(editor.records.has('shape:fromCommenter')).toBe(false)

      // A newcomer after a restart sees only what was stored.
      await s.stop()
      const again = await startTestServer({ dataDir: s.dataDir, env: { OPEN_INSTANCE: 'false' } })
      servers.push(again)
      const fresh = connectClient(again.wsUrl, board.id, { params: { key: key('edit') } })
      clients.push(fresh)
      await fresh.synced
      expect([...fresh.records.keys()].sort()).toEqual(['shape:fromEditor'])
    })
  })

  describe('when a viewer watches', () => {
    it('still sees the others’ presence and shows its own', async () => {
      const { connect, key } = await boardWithLinks()
      const editor = connect(key('edit'))
      const viewer = connect(key('view'))
      await Promise.all([editor.synced, viewer.synced])
      editor.provider.awareness.setLocalState({
        user: { id: 'e', name: 'Editor', color: '#112233' },
      })
      viewer.provider.awareness.setLocalState({
        user: { id: 'v', name: 'Viewer', color: '#445566' },
      })
      await vi.waitFor(() => {
        const names = (c: TestClient) =>
          [...c.provider.awareness.getStates().values()].map((st) => st.user?.name)
        expect(names(viewer)).toContain('Editor')
        expect(names(editor)).toContain('Viewer')
      })
    })
  })

  describe('without a valid key', () => {
    it('refuses the connection as if the board did not exist', async () => {
      const { connect } = await boardWithLinks()
      expect(await connect(null).closed).toMatchObject({ code: CloseCodes.BoardNotFound.code })
      expect(await connect('x'.repeat(43)).closed).toMatchObject({
        code: CloseCodes.BoardNotFound.code,
      })
    })
  })

  describe('when the owner rotates a link', () => {
    it('closes the sessions opened with the old key and refuses it from then on', async () => {
      const { s, board, key, connect } = await boardWithLinks()
      const oldKey = key('edit')
      const editor = connect(oldKey)
      const viewer = connect(key('view'))
      await Promise.all([editor.synced, viewer.synced])
      const res = await fetch(`${s.url}/api/boards/${board.id}/links/edit/rotate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${board.ownerKey}` },
      })
      expect(res.status).toBe(200)
      expect(await editor.closed).toMatchObject({ code: CloseCodes.Unauthorized.code })
      expect(viewer.provider.wsconnected).toBe(true)
      expect(await connect(oldKey).closed).toMatchObject({ code: CloseCodes.BoardNotFound.code })
    })
  })

  describe('when a client publishes workshop state of its own', () => {
    it('is refused: only the server shows workshop state', async () => {
      const { connect, key } = await boardWithLinks()
      const editor = connect(key('edit'))
      await editor.synced
      editor.provider.awareness.setLocalState({ workshop: { timer: 'fake' } })
      expect(await editor.closed).toMatchObject({ code: CloseCodes.MalformedMessage.code })
    })
  })
})
