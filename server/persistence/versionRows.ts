import type { StoredVersion } from './types.js'

/** A version as both stores keep it (without its snapshot). */
export interface VersionRow {
  board_id: string
  id: string
  name: string | null
  created_at: number | string
  created_by: string | null
  participants_json: string
  bytes: number
}

export const VersionColumns = 'board_id, id, name, created_at, created_by, participants_json, bytes'

/** One stored version as the stores hand it out, whichever database read it. */
export const toVersion = (row: VersionRow): StoredVersion => ({
  boardId: row.board_id,
  id: row.id,
  name: row.name,
  createdAt: Number(row.created_at),
  createdBy: row.created_by,
  participants: JSON.parse(row.participants_json) as string[],
  bytes: Number(row.bytes),
})
