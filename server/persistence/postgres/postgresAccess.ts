import type { Pool } from 'pg'
import type { Role } from '../../../shared/api/links.js'
import type { BoardKeyStore, StoredBoardKey, WorkshopStore } from '../../access/accessTypes.js'
import { inTransaction, query, type Tx } from './postgresPool.js'

interface KeyRow {
  board_id: string
  role: Role
  key: string | null
  enabled: boolean
}

const toKey = (row: KeyRow): StoredBoardKey => ({
  boardId: row.board_id,
  role: row.role,
  key: row.key,
  enabled: row.enabled,
})

/** Compare-and-set of a workshop state: stored only while the stored one is still `expected`. */
async function saveWorkshop(
  db: Pool | Tx,
  boardId: string,
  stateJson: string,
  now: number,
  expected: string | undefined,
): Promise<boolean> {
  const { rowCount } =
    expected === undefined
      ? await query(
          db,
          `INSERT INTO workshops (board_id, state_json, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (board_id) DO NOTHING`,
          [boardId, stateJson, now],
        )
      : await query(
          db,
          `UPDATE workshops SET state_json = $2, updated_at = $3
           WHERE board_id = $1 AND state_json = $4`,
          [boardId, stateJson, now, expected],
        )
  return (rowCount ?? 0) > 0
}

/** Share links, owner keys, workshop state, votes and ended votes in PostgreSQL. */
export function createPostgresAccessStore(pool: Pool): BoardKeyStore & WorkshopStore {
  return {
    async putBoardKey({ boardId, role, key, hash, now }) {
      // The owner's key is never shown again, so only its hash is kept.
      await query(
        pool,
        `INSERT INTO board_keys (board_id, role, key, hash, enabled, created_at)
         VALUES ($1, $2, $3, $4, TRUE, $5)
         ON CONFLICT (board_id, role) DO UPDATE SET key = excluded.key, hash = excluded.hash,
         created_at = excluded.created_at`,
        [boardId, role, role === 'owner' ? null : key, hash, now],
      )
    },
    async findBoardKey(hash) {
      const { rows } = await query<KeyRow>(pool, 'SELECT * FROM board_keys WHERE hash = $1', [hash])
      return rows[0] ? toKey(rows[0]) : undefined
    },
    async listBoardKeys(boardId) {
      const { rows } = await query<KeyRow>(pool, 'SELECT * FROM board_keys WHERE board_id = $1', [
        boardId,
      ])
      return rows.map(toKey)
    },
    async setBoardKeyEnabled(boardId, role, enabled) {
      await query(pool, 'UPDATE board_keys SET enabled = $1 WHERE board_id = $2 AND role = $3', [
        enabled,
        boardId,
        role,
      ])
    },
    async boardsWithoutKeys() {
      const { rows } = await query<{ id: string }>(
        pool,
        `SELECT id FROM boards WHERE NOT EXISTS
         (SELECT 1 FROM board_keys k WHERE k.board_id = boards.id AND k.role = 'owner')`,
      )
      return rows.map((r) => r.id)
    },

    async loadWorkshop(boardId) {
      const { rows } = await query<{ state_json: string }>(
        pool,
        'SELECT state_json FROM workshops WHERE board_id = $1',
        [boardId],
      )
      return rows[0]?.state_json
    },
    saveWorkshop: (boardId, stateJson, now, expected) =>
      saveWorkshop(pool, boardId, stateJson, now, expected),
    saveWorkshopWithPastVotes: (boardId, stateJson, pastVotes, now, expected) =>
      inTransaction(pool, async (tx) => {
        if (!(await saveWorkshop(tx, boardId, stateJson, now, expected))) return false
        for (const v of pastVotes) {
          await tx.query(
            `INSERT INTO workshop_past_votes (board_id, voting_id, ended_at, voting_json)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (board_id, voting_id) DO UPDATE SET ended_at = excluded.ended_at,
             voting_json = excluded.voting_json`,
            [boardId, v.votingId, v.endedAt, v.votingJson],
          )
        }
        return true
      }),
    async listPastVotes(boardId) {
      const { rows } = await query<{ voting_id: string; ended_at: number; voting_json: string }>(
        pool,
        `SELECT voting_id, ended_at, voting_json FROM workshop_past_votes WHERE board_id = $1
         ORDER BY ended_at, ord`,
        [boardId],
      )
      return rows.map((r) => ({
        votingId: r.voting_id,
        endedAt: r.ended_at,
        votingJson: r.voting_json,
      }))
    },
    async addVote(boardId, votingId, vote, now) {
      const { rowCount } = await query(
        pool,
        `INSERT INTO votes (board_id, voting_id, vote_id, voter_id, item_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [boardId, votingId, vote.id, vote.voterId, vote.itemId, now],
      )
      return (rowCount ?? 0) > 0
    },
    async removeVote(boardId, votingId, voterId, itemId) {
      // The voter's latest vote on the item goes, as in the embedded store.
      const { rowCount } = await query(
        pool,
        `DELETE FROM votes WHERE ord = (SELECT ord FROM votes WHERE board_id = $1
         AND voting_id = $2 AND voter_id = $3 AND item_id = $4
         ORDER BY created_at DESC, ord DESC LIMIT 1)`,
        [boardId, votingId, voterId, itemId],
      )
      return (rowCount ?? 0) > 0
    },
    async listVotes(boardId, votingId) {
      const { rows } = await query<{ vote_id: string; voter_id: string; item_id: string }>(
        pool,
        `SELECT vote_id, voter_id, item_id FROM votes WHERE board_id = $1 AND voting_id = $2
         ORDER BY created_at, ord`,
        [boardId, votingId],
      )
      return rows.map((r) => ({ id: r.vote_id, voterId: r.voter_id, itemId: r.item_id }))
    },

    async recordParticipant(boardId, p) {
      await query(
        pool,
        `INSERT INTO workshop_participants
         (board_id, participant_id, name, role, first_seen, last_seen)
         VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (board_id, participant_id) DO UPDATE SET name = excluded.name,
         role = excluded.role, last_seen = excluded.last_seen`,
        [boardId, p.id, p.name, p.role, p.seenAt],
      )
    },
    async listParticipants(boardId) {
      const { rows } = await query<{
        participant_id: string
        name: string
        role: Role
        first_seen: number
      }>(
        pool,
        `SELECT participant_id, name, role, first_seen FROM workshop_participants
         WHERE board_id = $1 ORDER BY first_seen, name`,
        [boardId],
      )
      return rows.map((r) => ({
        id: r.participant_id,
        name: r.name,
        role: r.role,
        seenAt: r.first_seen,
      }))
    },
  }
}
