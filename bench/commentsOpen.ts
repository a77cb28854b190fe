import * as Y from 'yjs'
import { ThreadsResponseSchema } from '../shared/comments/comments.js'
import { addThread, getThreadsMap, readThreads } from '../shared/doc/commentsDoc.js'
import { commentsDocumentId } from '../server/comments/commentRooms.js'
import { createSqlitePersistence } from '../server/persistence/sqlite/SqlitePersistence.js'
import { connectClient, createOwnedBoard } from '../test/helpers/clients.js'
import { makeDataDir } from '../test/helpers/server.js'
import { removeDataDir, startBenchServer, type BenchServer } from './benchServer.js'
import { startCpuMeter, type CpuShare } from './cpu.js'
import { summarize, type Summary } from './stats.js'
import { clock, waitUntil, withTimeout } from './wait.js'

export interface CommentsOpenResult {
  threads: number
  /** The first client after a restart: the comments room loads from the store, then syncs. */
  coldMs: number
  coldCpu: CpuShare
  /** Fresh clients while the room is loaded. */
  warmMs: Summary
  /** Reading every thread from the synced document, as the comments panel does. */
  readMs: Summary
  /** GET /api/boards/:id/comments. */
  listMs: Summary
  /** Size of the answer to that request. */
  listBytes: number
  /** Starting the threads, the first through the REST API, the rest in the store (context). */
  buildMs: number
}

/** Requests in flight while threads are started: a busy workshop, not a single writer. */
const PARALLEL = 8
/**
 * Threads started through the REST API; the rest are copies of them written straight to the
 * store in one update, as 1,000 requests would take most of the section's time on their own.
 */
const THROUGH_API = 50

const commentText = (n: number) => `Comment ${n}: does this hold for returning customers as well?`

/**
 * Fills the board's stored comments up to `threads` with copies of the threads started through
 * the API (same authors, other points and texts), written with the module the route writes with.
 */
async function addStoredThreads(dataDir: string, boardId: string, threads: number) {
  const store = createSqlitePersistence(dataDir)
  try {
    const id = commentsDocumentId(boardId)
    const doc = new Y.Doc()
    for (const update of (await store.loadDocument(id)).updates) Y.applyUpdate(doc, update)
    const started = readThreads(doc)
    const before = Y.encodeStateVector(doc)
    doc.transact(() => {
      for (let n = started.length; n < threads; n++) {
        const model = started[n % started.length]!
        const at = model.createdAt + n
        addThread(
          doc,
          {
            id: `bench-thread-${n}`,
            target: { kind: 'point', x: (n % 40) * 100, y: Math.floor(n / 40) * 100 },
            createdAt: at,
            by: model.by,
          },
          { ...model.comments[0]!, id: `bench-comment-${n}`, text: commentText(n), at },
        )
      }
    })
    await store.appendUpdate(id, Y.encodeStateAsUpdate(doc, before), Date.now())
  } finally {
    await store.close()
  }
}

/** Connects a fresh client to the board's comments and times it until it holds every thread. */
async function timeCommentsSync(server: BenchServer, boardId: string, threads: number) {
  const startedAt = clock()
  const client = connectClient(server.wsUrl, boardId, { params: { comments: '1' } })
  try {
    await withTimeout(client.synced, 30_000, 'comments syncing')
    const map = getThreadsMap(client.doc)
    if (!(await waitUntil(() => map.size === threads, 10_000, 0))) {
      throw new Error(`the comments hold ${map.size} threads, expected ${threads}`)
    }
    const ms = clock() - startedAt
    const readStarted = performance.now()
    const read = readThreads(client.doc).length
    const readMs = performance.now() - readStarted
    if (read !== threads) throw new Error(`read ${read} of ${threads} threads`)
    return { ms, readMs }
  } finally {
    client.destroy()
  }
}

/**
 * A board with `threads` comment threads started through the REST API; after a restart, times a
 * fresh client syncing the board's comments (cold, then warm) and the REST list of threads.
 */
export async function measureCommentsOpen(
  threads: number,
  repeat = 10,
): Promise<CommentsOpenResult> {
  const dataDir = makeDataDir()
  const servers: BenchServer[] = []
  try {
    const first = await startBenchServer(dataDir)
    servers.push(first)
    const board = await createOwnedBoard(first.url, `${threads} comments`)
    const buildStarted = clock()
    let next = 0
    const startThreads = async () => {
      while (next < THROUGH_API) {
        const n = next++
        const res = await fetch(`${first.url}/api/boards/${board.id}/comments`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${board.ownerKey}`,
            'x-participant': `bench-person-${n % 20}-`.padEnd(40, 'x'),
          },
          body: JSON.stringify({
            target: { kind: 'point', x: (n % 40) * 100, y: Math.floor(n / 40) * 100 },
            text: commentText(n),
            name: `Person ${n % 20}`,
          }),
        })
        if (res.status !== 201) throw new Error(`start thread failed: ${res.status}`)
        await res.arrayBuffer()
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, startThreads))
    await first.stop()
    await addStoredThreads(dataDir, board.id, threads)
    const buildMs = clock() - buildStarted
    await first.stop()

    const second = await startBenchServer(dataDir)
    servers.push(second)
    const cpu = startCpuMeter(second.pid)
    const cold = await timeCommentsSync(second, board.id, threads)
    const coldCpu = cpu()
    const warm: number[] = []
    const read: number[] = [cold.readMs]
    for (let r = 0; r < repeat; r++) {
      const w = await timeCommentsSync(second, board.id, threads)
      warm.push(w.ms)
      read.push(w.readMs)
    }
    const list: number[] = []
    let listBytes = 0
    for (let r = 0; r < repeat; r++) {
      const startedAt = clock()
      const res = await fetch(`${second.url}/api/boards/${board.id}/comments`, {
        headers: { authorization: `Bearer ${board.ownerKey}` },
      })
      const text = await res.text()
      list.push(clock() - startedAt)
      listBytes = Buffer.byteLength(text)
      const got = ThreadsResponseSchema.parse(JSON.parse(text)).threads.length
      if (got !== threads) throw new Error(`GET comments listed ${got} of ${threads} threads`)
    }
    return {
      threads,
      coldMs: cold.ms,
      coldCpu,
      warmMs: summarize(warm),
      readMs: summarize(read),
      listMs: summarize(list),
      listBytes,
      buildMs,
    }
  } finally {
    for (const s of servers) await s.stop()
    removeDataDir(dataDir)
  }
}
