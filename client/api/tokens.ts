import { z } from 'zod'
import {
  CreatedTokenSchema,
  TokenListSchema,
  type CreatedToken,
  type Token,
} from '../../shared/api/hypotheses'
import { apiRequest } from './client'

const tokensPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/tokens`

/** The board's ingestion tokens, by name (never their secrets). */
export async function listTokens(boardId: string, signal?: AbortSignal): Promise<Token[]> {
  return (await apiRequest(tokensPath(boardId), TokenListSchema, { signal })).tokens
}

/** Creates a named token; its secret is in this answer only. */
export function createToken(boardId: string, name: string): Promise<CreatedToken> {
  return apiRequest(tokensPath(boardId), CreatedTokenSchema, { method: 'POST', body: { name } })
}

/** Revokes a token: systems posting with it get 401 from now on. */
export async function revokeToken(boardId: string, tokenId: string): Promise<void> {
  await apiRequest(`${tokensPath(boardId)}/${encodeURIComponent(tokenId)}`, z.unknown(), {
    method: 'DELETE',
  })
}
