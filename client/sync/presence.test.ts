import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLStore } from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { mirrorRemotePresence, presenceRecordId } from './presence'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

/** This client's store and awareness, plus a second client whose states reach it. */
function setup() {
  const store: TLStore = createTLStore({
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
  })
  const local = new Awareness(new Y.Doc())
  const remote = new Awareness(new Y.Doc())
  const deliver = () =>
    applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'test')
  cleanups.push(
    mirrorRemotePresence(store, local),
    () => local.destroy(),
    () => remote.destroy(),
  )
  const record = () => store.get(presenceRecordId(remote.clientID))
  return { store, remote, deliver, record }
}

const presence = {
  userId: 'user:spoofed',
  userName: 'Spoofed',
  color: '#000000',
  currentPageId: 'page:page',
  cursor: { x: 10, y: 20, type: 'default', rotation: 0 },
  lastActivityTimestamp: 1,
  camera: { x: 0, y: 0, z: 1 },
  selectedShapeIds: [],
  brush: null,
  scribbles: [],
  screenBounds: { x: 0, y: 0, w: 100, h: 100 },
  followingUserId: null,
  chatMessage: '',
  meta: {},
}
const user = { id: 'grace', name: 'Grace', color: '#e8590c' }

describe('when another client publishes its presence', () => {
  it("adds a presence record with the cursor and the user's own name and colour", () => {
    const { remote, deliver, record } = setup()
    remote.setLocalState({ user, presence })
    deliver()
    expect(record()).toMatchObject({
      userId: 'user:grace',
      userName: 'Grace',
      color: '#e8590c',
      cursor: { x: 10, y: 20 },
    })
  })

  it('removes the record when the client leaves', () => {
    const { remote, deliver, record } = setup()
    remote.setLocalState({ user, presence })
    deliver()
    remote.setLocalState(null)
    deliver()
    expect(record()).toBeUndefined()
  })

  it('ignores states that fail the schema or the presence validator', () => {
    const { remote, deliver, record } = setup()
    remote.setLocalState({ user: { ...user, color: 'orange' }, presence })
    deliver()
    expect(record()).toBeUndefined()
    remote.setLocalState({ user, presence: { ...presence, cursor: 'here' } })
    deliver()
    expect(record()).toBeUndefined()
  })

  it('keeps no record for presence that names nobody, whatever user id it carries', () => {
    const { remote, deliver, record } = setup()
    remote.setLocalState({ presence })
    deliver()
    expect(record()).toBeUndefined()
  })

  it('keeps no record for a client without presence, such as one still loading', () => {
    const { remote, deliver, record } = setup()
    remote.setLocalState({ user, presence: null })
    deliver()
    expect(record()).toBeUndefined()
  })
})
