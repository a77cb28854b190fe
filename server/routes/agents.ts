import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { z } from 'zod'
import type { ServerContext } from '../context.js'
import { errorResponse } from '../http/errors.js'
import { errors } from '../http/openApi.js'
import { agentCredential } from '../mcp/agentAccess.js'
import { createAgentSessions } from '../mcp/agentSessions.js'

const Security: Record<string, string[]>[] = [{ boardKey: [] }, { ingestionToken: [] }]
const SessionHeader = z.object({
  'mcp-session-id': z.string().optional().describe('The session the initialize answer named'),
})
const JsonRpc = {
  'application/json': {
    schema: z.record(z.string(), z.unknown()).describe('A JSON-RPC message (or a batch)'),
  },
}

const postRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'mcp',
  summary: 'The Model Context Protocol for agents (streamable HTTP, answers as JSON)',
  description:
    'Send Authorization: Bearer <board key or ingestion token>; tools are held to that key’s ' +
    'role (an ingestion token only posts measurements). Start with `initialize`, then send the ' +
    'Mcp-Session-Id it answers with (404: the session is gone, open a new one). What the ' +
    'protocol itself refuses (an Accept or Content-Type it does not take, a malformed JSON-RPC ' +
    'message) is answered with a JSON-RPC error body. README: "Connect an agent (MCP)".',
  security: Security,
  request: { headers: SessionHeader, body: { required: true, content: JsonRpc } },
  responses: {
    200: { description: 'The JSON-RPC answer', content: JsonRpc },
    202: { description: 'A notification or answer, accepted' },
    ...errors(400, 401, 404, 413),
  },
})

const deleteRoute = createRoute({
  method: 'delete',
  path: '/',
  operationId: 'endMcpSession',
  summary: 'End an agent’s MCP session',
  security: Security,
  request: { headers: SessionHeader },
  responses: { 200: { description: 'The session ended' }, ...errors(401, 404) },
})

const getRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'mcpStream',
  summary: 'No stream of server messages: every answer comes with its request (405)',
  security: Security,
  responses: { ...errors(401, 405) },
})

/**
 * `/mcp`: agents connect with the Model Context Protocol's streamable HTTP transport. The
 * credential is checked on every request, before the body is read; the session's tools act
 * as it (server/mcp/).
 */
export function agentRoutes(ctx: ServerContext) {
  const sessions = createAgentSessions(ctx)
  const routes = new OpenAPIHono()
  for (const route of [postRoute, deleteRoute, getRoute]) routes.openAPIRegistry.registerPath(route)

  /**
   * The credential of a request, or the 401 that asks for one (RFC 6750: an `error` only when
   * one was sent and is not valid).
   */
  const authenticate = async (c: Context) => {
    const authorization = c.req.header('authorization')
    const auth = await agentCredential(ctx, authorization)
    if (auth) return auth
    const challenge = 'Bearer realm="discovery-board"'
    c.header(
      'WWW-Authenticate',
      authorization
        ? `${challenge}, error="invalid_token", error_description="Not a valid board key or ingestion token"`
        : challenge,
    )
    return errorResponse(
      c,
      'unauthorized',
      'Send a board key or an ingestion token as Authorization: Bearer <key>',
    )
  }

  return routes
    .post('/', async (c) => {
      const auth = await authenticate(c)
      if (auth instanceof Response) return auth
      let body: unknown
      try {
        body = JSON.parse(await c.req.text())
      } catch {
        return errorResponse(c, 'invalid_body', 'The body is not JSON')
      }
      return sessions.handle(c.req.raw, auth, body)
    })
    .delete('/', async (c) => {
      const auth = await authenticate(c)
      if (auth instanceof Response) return auth
      return sessions.handle(c.req.raw, auth, undefined)
    })
    .get('/', async (c) => {
      const auth = await authenticate(c)
      if (auth instanceof Response) return auth
      c.header('Allow', 'POST, DELETE')
      return errorResponse(
        c,
        'method_not_allowed',
        'This server sends no stream of its own: every answer comes with its request',
      )
    })
}
