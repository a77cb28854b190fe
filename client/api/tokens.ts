import {
  CreatedTokenSchema,
  TokenListSchema,
  type CreatedToken,
  type Token,
} from '../../shared/api/hypotheses'
import { answer, api, done, withKey } from './client'

const tokens = api.boards[':boardId'].tokens

/** The board's ingestion tokens, by name (never their secrets). */
export async function listTokens(boardId: string, signal?: AbortSignal): Promise<Token[]> {
  const call = tokens.$get({ param: { boardId } }, withKey(boardId, { signal }))
  return (await answer(call, TokenListSchema)).tokens
}

/** Creates a named token; its secret is in this answer only. */
export function createToken(boardId: string, name: string): Promise<CreatedToken> {
  const call = tokens.$post({ param: { boardId }, json: { name } }, withKey(boardId))
  return answer(call, CreatedTokenSchema)
}

/** Revokes a token: systems posting with it get 401 from now on. */
export function revokeToken(boardId: string, tokenId: string): Promise<void> {
  return done(tokens[':tokenId'].$delete({ param: { boardId, tokenId } }, withKey(boardId)))
}
