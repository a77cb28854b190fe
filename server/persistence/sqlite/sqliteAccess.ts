import type Database from 'better-sqlite3'
import type { Role } from '../../../shared/api/links.js'
import type { Vote } from '../../../shared/workshop/voting.js'
import type {
  BoardKeyStore,
  StoredBoardKey,
  StoredParticipant,
  StoredPastVote,
  WorkshopStore,
} from '../../access/accessTypes.js'

interface KeyRow {
  board_id: string
  role: Role
  key: string | null
  enabled: number
}

const toKey = (row: KeyRow): StoredBoardKey => ({
  boardId: row.board_id,
  role: row.role,
  key: row.key,
  enabled: row.enabled === 1,
})

/** Share links, owner keys, workshop state, votes and ended votes in the board's SQLite file. */
export function createSqliteAccessStore(db: Database.Database): BoardKeyStore & WorkshopStore {
  const stmt = {
    putKey: db.prepare(
      `INSERT INTO board_keys (board_id, role, key, hash, enabled, created_at) VALUES (?, ?, ?, ?, 1, ?)
       ON CONFLICT (board_id, role) DO UPDATE SET key = excluded.key, hash = excluded.hash,
       created_at = excluded.created_at`,
    ),
    findKey: db.prepare<[string], KeyRow>('SELECT * FROM board_keys WHERE hash = ?'),
    listKeys: db.prepare<[string], KeyRow>('SELECT * FROM board_keys WHERE board_id = ?'),
    enable: db.prepare('UPDATE board_keys SET enabled = ? WHERE board_id = ? AND role = ?'),
    keyless: db.prepare<[], { id: string }>(
      `SELECT id FROM boards WHERE NOT EXISTS
       (SELECT 1 FROM board_keys k WHERE k.board_id = boards.id AND k.role = 'owner')`,
    ),
    loadWorkshop: db.prepare<[string], { state_json: string }>(
      'SELECT state_json FROM workshops WHERE board_id = ?',
    ),
    insertWorkshop: db.prepare(
      `INSERT INTO workshops (board_id, state_json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (board_id) DO NOTHING`,
    ),
    replaceWorkshop: db.prepare(
      'UPDATE workshops SET state_json = ?, updated_at = ? WHERE board_id = ? AND state_json = ?',
    ),
    putPastVote: db.prepare(
      `INSERT INTO workshop_past_votes (board_id, voting_id, ended_at, voting_json) VALUES (?, ?, ?, ?)
       ON CONFLICT (board_id, voting_id) DO UPDATE SET ended_at = excluded.ended_at,
       voting_json = excluded.voting_json`,
    ),
    listPastVotes: db.prepare<
      [string],
      { voting_id: string; ended_at: number; voting_json: string }
    >(
      `SELECT voting_id, ended_at, voting_json FROM workshop_past_votes WHERE board_id = ?
       ORDER BY ended_at, rowid`,
    ),
    addVote: db.prepare(
      `INSERT OR IGNORE INTO votes (board_id, voting_id, vote_id, voter_id, item_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    removeVote: db.prepare(
      `DELETE FROM votes WHERE rowid = (SELECT rowid FROM votes WHERE board_id = ? AND voting_id = ?
       AND voter_id = ? AND item_id = ? ORDER BY created_at DESC LIMIT 1)`,
    ),
    listVotes: db.prepare<[string, string], { vote_id: string; voter_id: string; item_id: string }>(
      'SELECT vote_id, voter_id, item_id FROM votes WHERE board_id = ? AND voting_id = ? ORDER BY created_at, rowid',
    ),
    recordParticipant: db.prepare(
      `INSERT INTO workshop_participants (board_id, participant_id, name, role, first_seen, last_seen)
       VALUES (@boardId, @id, @name, @role, @seenAt, @seenAt)
       ON CONFLICT (board_id, participant_id) DO UPDATE SET name = excluded.name,
       role = excluded.role, last_seen = excluded.last_seen`,
    ),
    listParticipants: db.prepare<
      [string],
      { participant_id: string; name: string; role: Role; first_seen: number }
    >('SELECT * FROM workshop_participants WHERE board_id = ? ORDER BY first_seen, name'),
  }
  /** Compare-and-set: stored only while the stored state is still `expected`. */
  const saveWorkshop = (
    boardId: string,
    stateJson: string,
    now: number,
    expected: string | undefined,
  ) =>
    (expected === undefined
      ? stmt.insertWorkshop.run(boardId, stateJson, now)
      : stmt.replaceWorkshop.run(stateJson, now, boardId, expected)
    ).changes > 0
  const saveWithPastVotes = db.transaction(
    (
      boardId: string,
      stateJson: string,
      pastVotes: StoredPastVote[],
      now: number,
      expected: string | undefined,
    ) => {
      if (!saveWorkshop(boardId, stateJson, now, expected)) return false
      for (const v of pastVotes) stmt.putPastVote.run(boardId, v.votingId, v.endedAt, v.votingJson)
      return true
    },
  )
  return {
    recordParticipant(boardId, p: StoredParticipant) {
      stmt.recordParticipant.run({ boardId, ...p })
    },
    listParticipants: (boardId) =>
      stmt.listParticipants
        .all(boardId)
        .map((r) => ({ id: r.participant_id, name: r.name, role: r.role, seenAt: r.first_seen })),
    putBoardKey({ boardId, role, key, hash, now }) {
      // The owner's key is never shown again, so only its hash is kept.
      stmt.putKey.run(boardId, role, role === 'owner' ? null : key, hash, now)
    },
    findBoardKey(hash) {
      const row = stmt.findKey.get(hash)
      return row ? toKey(row) : undefined
    },
    listBoardKeys: (boardId) => stmt.listKeys.all(boardId).map(toKey),
    setBoardKeyEnabled(boardId, role, enabled) {
      stmt.enable.run(enabled ? 1 : 0, boardId, role)
    },
    boardsWithoutKeys: () => stmt.keyless.all().map((r) => r.id),
    loadWorkshop: (boardId) => stmt.loadWorkshop.get(boardId)?.state_json,
    saveWorkshop,
    saveWorkshopWithPastVotes: (boardId, stateJson, pastVotes, now, expected) =>
      saveWithPastVotes(boardId, stateJson, pastVotes, now, expected),
    listPastVotes: (boardId) =>
      stmt.listPastVotes.all(boardId).map((r) => ({
        votingId: r.voting_id,
        endedAt: r.ended_at,
        votingJson: r.voting_json,
      })),
    addVote: (boardId, votingId, vote: Vote, now) =>
      stmt.addVote.run(boardId, votingId, vote.id, vote.voterId, vote.itemId, now).changes > 0,
    removeVote: (boardId, votingId, voterId, itemId) =>
      stmt.removeVote.run(boardId, votingId, voterId, itemId).changes > 0,
    listVotes: (boardId, votingId) =>
      stmt.listVotes
        .all(boardId, votingId)
        .map((r) => ({ id: r.vote_id, voterId: r.voter_id, itemId: r.item_id })),
  }
}
