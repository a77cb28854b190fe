import type { TransactionOrigin } from './layout.js'

/**
 * The origin of a local edit that is a record rather than a draft: a lifecycle step, a
 * measurement, an amendment, a decision, a lesson. It is local to everything that branches on
 * `kind`, but it is not `LocalOrigin` itself, which canvas undo tracks: a record is
 * append-only and a hypothesis never steps back, so Ctrl+Z in a box must not take one back.
 */
export const LocalRecordOrigin: TransactionOrigin = Object.freeze({ kind: 'local' })
