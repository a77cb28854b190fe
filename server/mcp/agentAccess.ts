import { RoleAbilities, type Role } from '../../shared/api/links.js'
import { requestKey } from '../access/restAccess.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { hashToken } from '../routes/tokens.js'

/**
 * Who an agent works as: the board key it sent (with the role that key gives) or an ingestion
 * token, which only posts measurements to its own board.
 */
export type AgentCredential =
  | { kind: 'key'; key: string; boardId: string; role: Role }
  | { kind: 'token'; boardId: string; tokenName: string }

/** What a tool needs: an ability of a key's role, or posting measurements. */
export type AgentNeed = 'view' | 'edit' | 'measure'

/**
 * The credential an `Authorization: Bearer <key or token>` header carries, or null when it
 * carries none that is valid now (a wrong, disabled or revoked one).
 */
export async function agentCredential(
  ctx: ServerContext,
  authorization: string | undefined,
): Promise<{ credential: AgentCredential; secretHash: string } | null> {
  const secret = requestKey(authorization, undefined)
  if (!secret) return null
  const secretHash = hashToken(secret)
  const opened = await ctx.access.boardForKey(secret)
  if (opened) return { credential: { kind: 'key', key: secret, ...opened }, secretHash }
  const token = await ctx.persistence.findTokenByHash(secretHash)
  if (!token || token.revokedAt !== null) return null
  return {
    credential: { kind: 'token', boardId: token.boardId, tokenName: token.name },
    secretHash,
  }
}

/**
 * Checks that the credential may do `need` on a board, under the rules of the REST API: no key
 * for the board is 404 as for a board that does not exist, a role without the ability 403.
 * Answers the role the key gives there (null for an ingestion token).
 */
export async function requireAgentAccess(
  ctx: ServerContext,
  credential: AgentCredential,
  boardId: string,
  need: AgentNeed,
): Promise<Role | null> {
  if (credential.kind === 'token') {
    if (need !== 'measure') {
      throw new ApiError('forbidden', 'An ingestion token can only post measurements')
    }
    if (credential.boardId !== boardId) {
      throw new ApiError('forbidden', 'This token belongs to another board')
    }
    return null
  }
  const role = await ctx.access.roleFor(boardId, credential.key)
  if (!role) throw new ApiError('board_not_found', 'No board with this id')
  const ability = need === 'measure' ? 'edit' : need
  if (!RoleAbilities[ability](role)) {
    throw new ApiError('forbidden', `A ${role} link cannot do this`)
  }
  return role
}
