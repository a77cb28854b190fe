import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../shared/api/links.js'
import { AwarenessStateSchema, type AwarenessUser } from '../../shared/protocol/awareness.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { ParticipantParam, participantIdOf } from '../../shared/workshop/participant.js'
import {
  connectClient,
  createOwnedBoard,
  keyOf as boardKey,
  type TestClient,
} from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.cleanup()
})

/** A participant secret as a browser keeps one, different for each name. */
const secretOf = (name: string) => `${name}-secret-`.padEnd(40, 'x')
const idOf = (name: string) => participantIdOf(secretOf(name))

/** Every user field a client has received for each other client, in order. */
function recordPresence(client: TestClient) {
  const seen: { clientId: number; user: AwarenessUser }[] = []
  client.provider.awareness.on('change', ({ added, updated }: Record<string, number[]>) => {
    for (const clientId of [...added!, ...updated!]) {
      if (clientId === client.provider.awareness.clientID) continue
      const state = client.provider.awareness.getStates().get(clientId)
      const user = AwarenessStateSchema.safeParse(state).data?.user
      if (user) seen.push({ clientId, user })
    }
  })
  return seen
}

/** A server with share links and one board; people join it through its links. */
async function sharedBoard() {
  const s = await startTestServer({ env: { OPEN_INSTANCE: 'false' } })
  servers.push(s)
  const board = await createOwnedBoard(s.url, 'Workshop')
  const keyOf = (role: Role) => boardKey(board, role)
  /** `name` joins with the link of `role`, sending their secret (or `secret` as given). */
  const join = async (role: Role, name: string | null, secret?: string) => {
    const params: Record<string, string> = { key: keyOf(role) }
    if (secret !== undefined) params[ParticipantParam] = secret
    else if (name !== null) params[ParticipantParam] = secretOf(name)
    const client = connectClient(s.wsUrl, board.id, { params })
    clients.push(client)
    const seen = recordPresence(client)
    if (secret === undefined) await client.synced
    return { client, seen }
  }
  const summary = async () => {
    const answer = await fetch(`${s.url}/api/boards/${board.id}/workshop/summary.md`, {
      headers: { authorization: `Bearer ${board.ownerKey}` },
    })
    return answer.text()
  }
  return { s, board, join, summary }
}

const publish = (client: TestClient, user: Record<string, unknown>) =>
  client.provider.awareness.setLocalState({ user: { color: '#2f9e44', ...user } })

describe('identity on the sync endpoint', () => {
  for (const role of ['view', 'edit'] as const) {
    describe(`when a client on the ${role} link publishes presence with the owner’s id`, () => {
      it('is refused and nobody receives it, while its own presence still goes through', async () => {
        const { join, summary } = await sharedBoard()
        const owner = await join('owner', 'owner')
        const watcher = await join('comment', 'watcher')
        const impostor = await join(role, 'impostor')
        publish(owner.client, { id: idOf('owner'), name: 'Olivia' })
        await vi.waitFor(() => expect(watcher.seen.map((s) => s.user.name)).toContain('Olivia'))

        publish(impostor.client, { id: idOf('owner'), name: 'Olivia', color: '#e03131' })
        // Sent after the forgery on the same socket: once it arrives, the forgery would have.
        publish(impostor.client, { id: idOf('impostor'), name: 'Ivan' })
        await vi.waitFor(() => {
          expect(watcher.seen.map((s) => s.user.name)).toContain('Ivan')
          expect(owner.seen.map((s) => s.user.name)).toContain('Ivan')
        })

        const impostorId = impostor.client.provider.awareness.clientID
        for (const { seen } of [watcher, owner]) {
          const fromImpostor = seen.filter((s) => s.clientId === impostorId).map((s) => s.user)
          expect(fromImpostor).toEqual([
            { id: idOf('impostor'), name: 'Ivan', color: '#2f9e44', role, owner: false },
          ])
        }
        // Someone who joins now sees Olivia once, from the owner's connection.
        const late = await join('view', 'late')
        await vi.waitFor(() => expect(late.seen.map((s) => s.user.name)).toContain('Ivan'))
        const ownerId = owner.client.provider.awareness.clientID
        expect(late.seen.filter((s) => s.user.id === idOf('owner')).map((s) => s.clientId)).toEqual(
          [ownerId],
        )
        // The workshop summary lists people under the identity the server verified.
        await vi.waitFor(async () => expect(await summary()).toContain(`- Ivan (${role})`))
        expect(await summary()).not.toContain(`- Olivia (${role})`)
      })
    })
  }

  describe('when a client writes a role and an owner flag into its presence', () => {
    it('is overwritten: everyone sees the role of the link it opened the board with', async () => {
      const { join } = await sharedBoard()
      const watcher = await join('view', 'watcher')
      const editor = await join('edit', 'editor')
      publish(editor.client, { id: idOf('editor'), name: 'Eve', role: 'owner', owner: true })
      await vi.waitFor(() => expect(watcher.seen.map((s) => s.user.name)).toContain('Eve'))
      expect(watcher.seen.find((s) => s.user.name === 'Eve')!.user).toMatchObject({
        id: idOf('editor'),
        role: 'edit',
        owner: false,
      })
    })
  })

  describe('when honest clients publish their presence', () => {
    it('reaches the others with the role and owner flag the server set', async () => {
      const { join } = await sharedBoard()
      const owner = await join('owner', 'owner')
      const commenter = await join('comment', 'commenter')
      const viewer = await join('view', 'viewer')
      publish(owner.client, { id: idOf('owner'), name: 'Olivia' })
      publish(commenter.client, { id: idOf('commenter'), name: 'Carl' })
      await vi.waitFor(() => {
        const users = viewer.seen.map((s) => s.user)
        expect(users).toContainEqual(expect.objectContaining({ name: 'Olivia', role: 'owner' }))
        expect(users).toContainEqual(expect.objectContaining({ name: 'Carl', role: 'comment' }))
      })
      const users = viewer.seen.map((s) => s.user)
      expect(users.find((u) => u.name === 'Olivia')).toMatchObject({ owner: true })
      expect(users.find((u) => u.name === 'Carl')).toMatchObject({ owner: false })
    })

    it('accepts the same person in two tabs, and a new name, under their one id', async () => {
      const { join } = await sharedBoard()
      const watcher = await join('view', 'watcher')
      const first = await join('edit', 'dana')
      const second = await join('edit', 'dana')
      publish(first.client, { id: idOf('dana'), name: 'Dana' })
      publish(second.client, { id: idOf('dana'), name: 'Dana (laptop)' })
      publish(first.client, { id: idOf('dana'), name: 'Dana R.' })
      await vi.waitFor(() => {
        const names = watcher.seen.map((s) => s.user.name)
        expect(names).toContain('Dana (laptop)')
        expect(names).toContain('Dana R.')
      })
      expect(new Set(watcher.seen.map((s) => s.user.id))).toEqual(new Set([idOf('dana')]))
    })
  })

  describe('when a standard y-websocket client sends no participant secret', () => {
    it('syncs the document, and its presence goes by an id of its own, not the one it claims', async () => {
      const { join, summary } = await sharedBoard()
      const owner = await join('owner', 'owner')
      const plain = await join('edit', null)
      plain.client.records.set('shape:fromPlainClient', '{}')
      await vi.waitFor(() => expect(owner.client.records.has('shape:fromPlainClient')).toBe(true))

      publish(plain.client, { id: idOf('owner'), name: 'Not the owner' })
      await vi.waitFor(() => expect(owner.seen.map((s) => s.user.name)).toContain('Not the owner'))
      const shown = owner.seen.find((s) => s.user.name === 'Not the owner')!.user
      expect(shown).toMatchObject({ role: 'edit', owner: false })
      expect(shown.id).not.toBe(idOf('owner'))
      expect(shown.id).toMatch(/^guest-/)
      // Nobody known by a secret: the summary does not list a guest of one connection.
      publish(owner.client, { id: idOf('owner'), name: 'Olivia' })
      await vi.waitFor(async () => expect(await summary()).toContain('- Olivia (owner)'))
      expect(await summary()).not.toContain('Not the owner')
    })
  })

  describe('when a state carries no user', () => {
    it('relays none of its cursor, chat or reaction', async () => {
      const { join } = await sharedBoard()
      const watcher = await join('view', 'watcher')
      const sender = await join('edit', 'sender')
      sender.client.provider.awareness.setLocalState({
        presence: { userId: `user:${idOf('watcher')}`, userName: 'Wanda' },
        chat: { text: 'Who said this?', at: 1 },
        note: 'kept',
      })
      await vi.waitFor(() => {
        const state = watcher.client.provider.awareness
          .getStates()
          .get(sender.client.provider.awareness.clientID)
        expect(state).toEqual({ note: 'kept' })
      })
    })
  })

  describe('when the participant secret on the sync URL is malformed', () => {
    it('refuses the connection with IdentityRefused', async () => {
      const { join } = await sharedBoard()
      const { client } = await join('edit', null, 'not a secret')
      expect(await client.closed).toEqual({
        code: CloseCodes.IdentityRefused.code,
        reason: CloseCodes.IdentityRefused.reason,
      })
    })
  })
})
