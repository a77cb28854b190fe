import * as Y from 'yjs'
import { getBoardCanvases } from '../../shared/doc/canvasDoc.js'
import { decodeRecord, getTldrawRecords } from '../../shared/doc/layout.js'

/** A fuzz run that did not converge, or broke an invariant; the message says how. */
export class FuzzFailure extends Error {}

/** JSON with object keys sorted, so two equal documents print the same text. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortDeep(value))
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortDeep((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}

export interface DocSnapshot {
  records: Record<string, unknown>
  canvases: Record<string, unknown>
}

/** What a board shows: the decoded records and the canvases, as plain data. */
export function snapshotDoc(doc: Y.Doc): DocSnapshot {
  const records: Record<string, unknown> = {}
  for (const [id, value] of getTldrawRecords(doc).entries()) records[id] = decodeRecord(value)
  return {
    records,
    canvases: getBoardCanvases(doc).toJSON() as Record<string, unknown>,
  }
}

/** The state vector as a sorted, printable text. */
export function stateVectorText(doc: Y.Doc): string {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([client, clock]) => `${client}:${clock}`)
    .join(',')
}

/** True when updates are waiting for missing parts (an incomplete document). */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

/** A new document holding all `updates`, merged offline. */
export function mergeOffline(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update)
  })
  return doc
}

/** Where two snapshots differ, briefly: at most `limit` keys of each part. */
export function describeDifference(actual: DocSnapshot, expected: DocSnapshot, limit = 4): string {
  const parts: string[] = []
  for (const part of ['records', 'canvases'] as const) {
    const a = actual[part]
    const e = expected[part]
    const keys = [...new Set([...Object.keys(a), ...Object.keys(e)])].sort()
    const differing = keys.filter((k) => stableStringify(a[k]) !== stableStringify(e[k]))
    if (differing.length === 0) continue
    const shown = differing.slice(0, limit).map((k) => {
      const show = (v: unknown) => (v === undefined ? 'missing' : stableStringify(v).slice(0, 160))
      return `  ${part}[${k}]: got ${show(a[k])}, expected ${show(e[k])}`
    })
    parts.push(`${differing.length} ${part} differ:\n${shown.join('\n')}`)
  }
  return parts.join('\n') || 'no difference'
}

/** Throws a FuzzFailure naming `who` when its snapshot is not the expected one. */
export function assertSameDocument(who: string, doc: Y.Doc, expected: Y.Doc) {
  const a = snapshotDoc(doc)
  const e = snapshotDoc(expected)
  if (stableStringify(a) !== stableStringify(e)) {
    throw new FuzzFailure(
      `${who} differs from the union of all edits:\n${describeDifference(a, e)}`,
    )
  }
  if (hasPending(doc)) throw new FuzzFailure(`${who} holds updates with missing dependencies`)
  const sv = stateVectorText(doc)
  const expectedSv = stateVectorText(expected)
  if (sv !== expectedSv) {
    throw new FuzzFailure(`${who} has state vector ${sv}, the union of all edits ${expectedSv}`)
  }
}

/** True when `doc` shows the same board as `expected` and holds no pending updates. */
export function sameDocument(doc: Y.Doc, expected: Y.Doc): boolean {
  return (
    !hasPending(doc) &&
    stateVectorText(doc) === stateVectorText(expected) &&
    stableStringify(snapshotDoc(doc)) === stableStringify(snapshotDoc(expected))
  )
}
