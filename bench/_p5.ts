import * as Y from 'yjs'
import { encodeRecord, getTldrawRecords, decodeRecord } from '../shared/doc/layout.js'
import { geoShape } from './shapes.js'
const src = new Y.Doc()
const ups: Uint8Array[] = []
src.on('update', (u: Uint8Array) => ups.push(u))
for (let i = 0; i < 1000; i++)
  getTldrawRecords(src).set(`shape:b-${i}`, encodeRecord(geoShape(`shape:b-${i}`, i)))
const merged = Y.mergeUpdates(ups)
console.log(
  'merged bytes',
  merged.length,
  'sum',
  ups.reduce((a, u) => a + u.length, 0),
)
for (const mode of ['merged', 'separate', 'merged', 'separate']) {
  const t0 = performance.now()
  for (let c = 0; c < 20; c++) {
    const d = new Y.Doc()
    const m = getTldrawRecords(d)
    m.observe((e) => {
      for (const k of e.keysChanged) decodeRecord(m.get(k))
    })
    if (mode === 'merged') Y.applyUpdate(d, merged)
    else for (const u of ups) Y.applyUpdate(d, u)
  }
  console.log(mode, ((performance.now() - t0) / 20).toFixed(2), 'ms per client')
}
for (const obs of ['decode', 'keys-only', 'none', 'decode', 'keys-only', 'none']) {
  const t0 = performance.now()
  for (let c = 0; c < 20; c++) {
    const d = new Y.Doc()
    const m = getTldrawRecords(d)
    if (obs === 'decode')
      m.observe((e) => {
        for (const k of e.keysChanged) decodeRecord(m.get(k))
      })
    if (obs === 'keys-only')
      m.observe((e) => {
        let _n = 0
        for (const k of e.keysChanged) if (k.startsWith('shape:')) _n++
      })
    Y.applyUpdate(d, merged)
  }
  console.log(obs, ((performance.now() - t0) / 20).toFixed(2), 'ms per client')
}
