import { z } from 'zod'
import { BoardSchema } from '../shared/api/boards.js'
import {
  BoardLinksResponseSchema,
  BoardLookupBodySchema,
  LinkRoles,
  Roles,
  UpdateLinkBodySchema,
} from '../shared/api/links.js'
import { MyVotesSchema, ServerTimeSchema, WorkshopResponseSchema } from '../shared/api/workshop.js'
import { ParticipantHeader } from '../shared/workshop/participant.js'
import { CastVoteBodySchema } from '../shared/workshop/voting.js'
import { WorkshopActionSchema } from '../shared/workshop/workshopState.js'
import { boardId, errors, json, markdown } from './openapiParts.js'

const role = {
  name: 'role',
  in: 'path',
  required: true,
  schema: { type: 'string', enum: [...LinkRoles] },
}
const participant = {
  name: ParticipantHeader,
  in: 'header',
  required: true,
  description: 'The secret this browser keeps for its person (32–64 of A–Z a–z 0–9 _ -)',
  schema: { type: 'string' },
}

/** The OpenAPI paths of share links, workshops and votes. */
export function accessPaths() {
  return {
    '/api/time': {
      get: { summary: 'The server clock (epoch ms)', responses: { 200: json(ServerTimeSchema) } },
    },
    '/api/boards/lookup': {
      post: {
        summary:
          'The boards these keys open, each with the strongest role (all boards on an open instance)',
        requestBody: json(BoardLookupBodySchema, 'input'),
        responses: {
          200: json(
            z.object({
              boards: z.array(
                BoardSchema.extend({ role: z.enum(Roles), key: z.string().nullable() }),
              ),
            }),
          ),
          ...errors(400),
        },
      },
    },
    '/api/boards/{boardId}/links': {
      parameters: [boardId],
      get: {
        summary: 'The three share links (owner only)',
        responses: { 200: json(BoardLinksResponseSchema), ...errors(403, 404) },
      },
    },
    '/api/boards/{boardId}/links/{role}': {
      parameters: [boardId, role],
      patch: {
        summary: 'Disable or enable a link; disabling closes the sessions opened with it',
        requestBody: json(UpdateLinkBodySchema, 'input'),
        responses: { 200: json(BoardLinksResponseSchema), ...errors(400, 403, 404) },
      },
    },
    '/api/boards/{boardId}/links/{role}/rotate': {
      parameters: [boardId, role],
      post: {
        summary: 'Give a link a new key: the old one stops at once and its sessions are closed',
        responses: { 200: json(BoardLinksResponseSchema), ...errors(403, 404) },
      },
    },
    '/api/boards/{boardId}/workshop': {
      parameters: [boardId],
      get: {
        summary:
          'The workshop state (timer, vote, private mode, locks, follow), your role, the server time',
        responses: { 200: json(WorkshopResponseSchema), ...errors(404) },
      },
      post: {
        summary: 'A facilitator action; handing over facilitation is the owner’s',
        parameters: [participant],
        requestBody: json(WorkshopActionSchema, 'input'),
        responses: { 200: json(WorkshopResponseSchema), ...errors(400, 403, 404, 409) },
      },
    },
    '/api/boards/{boardId}/workshop/summary.md': {
      parameters: [boardId],
      get: {
        summary: 'The workshop summary: participants, votes ranked, decisions, every canvas',
        responses: { 200: markdown, ...errors(404) },
      },
    },
    '/api/boards/{boardId}/votes': {
      parameters: [boardId],
      post: {
        summary: 'Cast a dot vote (commenters and up); a vote id sent twice counts once',
        parameters: [participant],
        requestBody: json(CastVoteBodySchema, 'input'),
        responses: { 200: json(MyVotesSchema), ...errors(400, 403, 404, 409) },
      },
    },
    '/api/boards/{boardId}/votes/mine': {
      parameters: [boardId],
      get: {
        summary: 'Your own votes in the running vote',
        parameters: [participant],
        responses: { 200: json(MyVotesSchema), ...errors(400, 403, 404) },
      },
    },
    '/api/boards/{boardId}/votes/{itemId}': {
      parameters: [
        boardId,
        { name: 'itemId', in: 'path', required: true, schema: { type: 'string' } },
      ],
      delete: {
        summary: 'Take back one of your votes on an item while the vote runs',
        parameters: [participant],
        responses: { 200: json(MyVotesSchema), ...errors(400, 403, 404, 409) },
      },
    },
  }
}
