import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { MessageType, SyncMessageType } from '../../shared/protocol/messages.js'
import { decodeIncoming, encodeSyncMessage } from './messageCodec.js'

/** The message as lib0's encoder writes it, as y-protocols does. */
function encodedByLib0(sub: SyncMessageType, payload: Uint8Array) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, sub)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

describe('encodeSyncMessage', () => {
  it('writes the same bytes as lib0, whatever the length of the payload', () => {
    for (const length of [0, 1, 127, 128, 16_383, 16_384, 300_000]) {
      const payload = Uint8Array.from({ length }, (_, i) => (i * 31) % 256)
      for (const sub of [SyncMessageType.Step1, SyncMessageType.Step2, SyncMessageType.Update]) {
        expect(encodeSyncMessage(sub, payload)).toEqual(encodedByLib0(sub, payload))
      }
    }
  })

  it('copies the payload: the message stays as sent when the payload changes', () => {
    const payload = new Uint8Array([0])
    const message = encodeSyncMessage(SyncMessageType.Step1, payload)
    payload[0] = 5
    expect(decodeIncoming(message, 1000)).toEqual({
      type: 'syncStep1',
      stateVector: new Uint8Array([0]),
    })
  })
})
