import { describe, expect, it, vi } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { EditingIndex } from './EditingIndex'

/** Two people's awareness, with a way to pass Bob's state to Alice. */
function twoPeople() {
  const alice = new Awareness(new Y.Doc())
  const bob = new Awareness(new Y.Doc())
  alice.setLocalState({ user: { id: 'alice', name: 'Alice', color: '#ff0000' } })
  bob.setLocalState({ user: { id: 'bob', name: 'Bob', color: '#0000ff' } })
  const sendBob = () =>
    applyAwarenessUpdate(alice, encodeAwarenessUpdate(bob, [bob.clientID]), 'remote')
  return { alice, bob, sendBob }
}

describe('when someone starts typing in an item', () => {
  it('tells the others who, and only for that item', () => {
    const { alice, bob, sendBob } = twoPeople()
    const index = new EditingIndex(alice)
    const onItem = vi.fn()
    const onOther = vi.fn()
    index.subscribe('item-1', onItem)
    index.subscribe('item-2', onOther)

    bob.setLocalStateField('editing', 'item-1')
    sendBob()

    expect(index.editorsOf('item-1').map((u) => u.name)).toEqual(['Bob'])
    expect(index.editorsOf('item-2')).toEqual([])
    expect(onItem).toHaveBeenCalledTimes(1)
    expect(onOther).not.toHaveBeenCalled()
  })

  it('stays quiet when only their cursor moves, and clears when they leave the item', () => {
    const { alice, bob, sendBob } = twoPeople()
    const index = new EditingIndex(alice)
    bob.setLocalStateField('editing', 'item-1')
    sendBob()
    const before = index.editorsOf('item-1')
    const onItem = vi.fn()
    index.subscribe('item-1', onItem)

    bob.setLocalStateField('presence', { cursor: { x: 1, y: 2 } })
    sendBob()
    expect(onItem).not.toHaveBeenCalled()
    expect(index.editorsOf('item-1')).toBe(before)

    bob.setLocalStateField('editing', null)
    sendBob()
    expect(onItem).toHaveBeenCalledTimes(1)
    expect(index.editorsOf('item-1')).toEqual([])
  })

  it('does not list the person themself', () => {
    const { alice } = twoPeople()
    const index = new EditingIndex(alice)
    index.setEditing('item-1')
    expect(index.editorsOf('item-1')).toEqual([])
  })
})
