import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { holdsAll, saveCheckFor } from './saveCheck'

/** What a server holding `server` answers to a state vector. */
const answer = (server: Y.Doc, asked: Uint8Array) => Y.encodeStateAsUpdate(server, asked)

function pair() {
  const server = new Y.Doc()
  const client = new Y.Doc()
  server.getMap('m').set('title', 'Roadmap')
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client }
}

describe('checking that the server stored every edit', () => {
  it('confirms when the server holds everything this client holds', () => {
    const { server, client } = pair()
    client.getText('t').insert(0, 'hello')
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))
    const { asked, expected } = saveCheckFor(client)
    expect(holdsAll(answer(server, asked), expected)).toBe(true)
  })

  it('does not confirm while the server lacks the latest edit', () => {
    const { server, client } = pair()
    client.getText('t').insert(0, 'hello')
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))
    client.getText('t').insert(5, ' world')
    const { asked, expected } = saveCheckFor(client)
    expect(holdsAll(answer(server, asked), expected)).toBe(false)
  })

  it('does not confirm while the server lacks edits this client received from a third', () => {
    const { server, client } = pair()
    const other = new Y.Doc()
    other.getMap('m').set('note', 'from elsewhere')
    Y.applyUpdate(client, Y.encodeStateAsUpdate(other))
    const { asked, expected } = saveCheckFor(client)
    expect(holdsAll(answer(server, asked), expected)).toBe(false)
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other))
    expect(holdsAll(answer(server, asked), expected)).toBe(true)
  })

  it('confirms an empty document, and stays small for a large one', () => {
    expect(holdsAll(answer(new Y.Doc(), saveCheckFor(new Y.Doc()).asked), new Map())).toBe(true)
    const { server, client } = pair()
    client.getText('t').insert(0, 'x'.repeat(1_000_000))
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
    const { asked, expected } = saveCheckFor(client)
    const reply = answer(server, asked)
    expect(holdsAll(reply, expected)).toBe(true)
    expect(reply.byteLength).toBeLessThan(200)
  })
})
