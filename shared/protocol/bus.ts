import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { z } from 'zod'
import { LinkRoles } from '../api/links.js'

/**
 * What server instances tell each other through the bus (Redis pub/sub) when several serve the
 * same boards. Every frame names the instance that sent it, so none is applied twice by its
 * sender. Clients never see these frames.
 */

/** Traffic of one room (a board or a person's drafts): stored updates and relayed presence. */
export type RoomBusMessage =
  { type: 'update'; update: Uint8Array } | { type: 'awareness'; update: Uint8Array }

const RoomMessageTag = { update: 0, awareness: 1 } as const
const BusFrameVersion = 1

/** One room message as it crosses the bus: version, sender, tag, payload. */
export function encodeRoomFrame(instanceId: string, message: RoomBusMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, BusFrameVersion)
  encoding.writeVarString(encoder, instanceId)
  encoding.writeVarUint(encoder, RoomMessageTag[message.type])
  encoding.writeVarUint8Array(encoder, message.update)
  return encoding.toUint8Array(encoder)
}

/** Reads a room frame; throws on anything that is not one. */
export function decodeRoomFrame(data: Uint8Array): { instanceId: string; message: RoomBusMessage } {
  const decoder = decoding.createDecoder(data)
  const version = decoding.readVarUint(decoder)
  if (version !== BusFrameVersion) throw new Error(`Unknown bus frame version ${version}`)
  const instanceId = decoding.readVarString(decoder)
  const tag = decoding.readVarUint(decoder)
  const update = decoding.readVarUint8Array(decoder)
  if (decoding.hasContent(decoder)) throw new Error('Trailing bytes in a bus frame')
  if (tag === RoomMessageTag.update) return { instanceId, message: { type: 'update', update } }
  if (tag === RoomMessageTag.awareness) {
    return { instanceId, message: { type: 'awareness', update } }
  }
  throw new Error(`Unknown bus message tag ${tag}`)
}

/** Something that happened to a board that every instance must act on. */
export const BoardEventSchema = z.discriminatedUnion('type', [
  /** The workshop state changed: read it again and show it. */
  z.object({ type: z.literal('workshop'), boardId: z.string() }),
  /** A share link was rotated or disabled: close the sessions opened with it. */
  z.object({ type: z.literal('linkChanged'), boardId: z.string(), role: z.enum(LinkRoles) }),
  /** The board was deleted: close every session on it. */
  z.object({ type: z.literal('boardDeleted'), boardId: z.string() }),
  /** The board was renamed: read its title again and show it. */
  z.object({ type: z.literal('renamed'), boardId: z.string() }),
])
export type BoardEvent = z.infer<typeof BoardEventSchema>

const EventFrameSchema = z.object({ instanceId: z.string(), event: BoardEventSchema })

export const encodeEventFrame = (instanceId: string, event: BoardEvent) =>
  JSON.stringify({ instanceId, event })

/** Reads an event frame; throws on anything that is not one. */
export const decodeEventFrame = (text: string) => EventFrameSchema.parse(JSON.parse(text))
