import { startScriptServer, type ReferenceServer } from './referenceServer.js'

/**
 * The least a y-websocket server can do and still store every edit in PostgreSQL before relaying
 * it, and relay it to other instances through Redis: one INSERT per update (PostgreSQL's default
 * durability), then a PUBLISH, then the relay to its own clients, each update sent before the
 * document applies it; what arrives from Redis is relayed the same way as it comes. No access rules, limits, validation, presence or compaction. It measures
 * what this machine allows any store-then-relay cluster, against which the real server's
 * cross-instance figures are read.
 */

// Plain JavaScript for plain `node`: the figures must not include a TypeScript loader.
const Source = `
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import pg from 'pg'
import { Redis } from 'ioredis'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 })
await pool.query('CREATE TABLE IF NOT EXISTS bare_updates (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, board_id TEXT NOT NULL, data BYTEA NOT NULL)')
const pub = new Redis(process.env.REDIS_URL)
const sub = new Redis(process.env.REDIS_URL)
const me = Buffer.from(randomUUID())
const rooms = new Map()

function room(name) {
  let r = rooms.get(name)
  if (r) return r
  const doc = new Y.Doc()
  r = { doc, conns: new Set() }
  // Sent before it is applied: what Yjs would emit for it is the same update.
  r.relay = (update, origin) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    syncProtocol.writeUpdate(encoder, update)
    const message = encoding.toUint8Array(encoder)
    for (const conn of r.conns) if (conn !== origin) conn.send(message)
    Y.applyUpdate(doc, update, origin)
  }
  rooms.set(name, r)
  void sub.subscribe('bare:' + name)
  return r
}

sub.on('messageBuffer', (channel, data) => {
  if (data.subarray(0, me.length).equals(me)) return
  const r = rooms.get(channel.toString().slice(5))
  if (r) r.relay(data.subarray(me.length), 'bus')
})

const server = http.createServer((_req, res) => { res.writeHead(200); res.end('ok') })
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', (conn, req) => {
  const name = (req.url ?? '/').slice(1).split('?')[0]
  const r = room(name)
  r.conns.add(conn)
  conn.binaryType = 'arraybuffer'
  conn.on('close', () => r.conns.delete(conn))
  conn.on('message', (data) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    const type = decoding.readVarUint(decoder)
    if (type === 1) {
      for (const other of r.conns) if (other !== conn) other.send(data)
      return
    }
    if (type !== 0) return
    const syncType = decoding.readVarUint(decoder)
    if (syncType === 0) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 0)
      syncProtocol.readSyncStep1(decoder, encoder, r.doc)
      conn.send(encoding.toUint8Array(encoder))
      return
    }
    const update = decoding.readVarUint8Array(decoder)
    pool.query('INSERT INTO bare_updates (board_id, data) VALUES ($1, $2)', [name, update]).then(() => {
      void pub.publish('bare:' + name, Buffer.concat([me, update]))
      r.relay(update, conn)
    }, (error) => conn.close(4503, String(error)))
  })
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeSyncStep1(encoder, r.doc)
  conn.send(encoding.toUint8Array(encoder))
})
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
})
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port))
`

export function startBareClusterServer(env: {
  DATABASE_URL: string
  REDIS_URL: string
}): Promise<ReferenceServer> {
  return startScriptServer(Source, 'bare cluster server', { ...process.env, ...env })
}
