import { randomUUID } from 'node:crypto'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js'
import { ApiErrors, type ApiErrorBody } from '../../shared/api/errors.js'
import type { ServerContext } from '../context.js'
import type { AgentCredential } from './agentAccess.js'
import { createAgentKit, type AgentSession } from './agentKit.js'
import { registerCanvasTools } from './canvasTools.js'
import { registerHypothesisTools } from './hypothesisTools.js'
import { registerCheckinTools } from './checkinTools.js'
import { registerItemTools } from './itemTools.js'

/** At most this many agent sessions are kept; past it, the longest idle ones go first. */
export const MaxAgentSessions = 500
/** A session unused this long is forgotten; its agent starts a new one (404 tells it to). */
export const AgentSessionIdleMs = 30 * 60 * 1000

const Instructions =
  'Discovery Board: boards of canvases (hypothesis, machine learning, lean, value stream). ' +
  'list_boards, then list_canvases and read_canvas; change with create_canvas, update_canvas, ' +
  'add_item, edit_item, move_item, update_hypothesis and post_measurements. Every change is ' +
  'seen at once by everyone on the board and attributed to your client’s name.'

interface OpenSession extends AgentSession {
  transport: WebStandardStreamableHTTPServerTransport
  server: McpServer
  /** The hash of the secret the session was opened with: only that secret may use it. */
  secretHash: string
  lastUsed: number
}

/** An answer with the app's error body (before a request reaches a session's transport). */
const refusal = (code: 'invalid_body' | 'not_found', message: string) => {
  const body: ApiErrorBody = { error: { code, message } }
  return Response.json(body, { status: ApiErrors[code], headers: { 'Cache-Control': 'no-store' } })
}

/**
 * The agents' MCP sessions of one server: each its own MCP server object bound to the
 * credential it was opened with, whose latest request's credential (checked again on every
 * request) its tools act as. Answers are JSON, never a stream.
 */
export function createAgentSessions(ctx: ServerContext) {
  const sessions = new Map<string, OpenSession>()

  const forgetIdle = () => {
    const before = ctx.now() - AgentSessionIdleMs
    for (const [id, session] of sessions) {
      if (session.lastUsed < before) close(id, session)
    }
    // Still full: the longest idle go first (a Map keeps the order of last use, see below).
    for (const [id, session] of sessions) {
      if (sessions.size < MaxAgentSessions) break
      close(id, session)
    }
  }

  const close = (id: string, session: OpenSession) => {
    sessions.delete(id)
    void session.server.close().catch(() => undefined)
  }

  async function open(
    request: Request,
    credential: AgentCredential,
    secretHash: string,
    body: unknown,
  ): Promise<Response> {
    forgetIdle()
    const server = new McpServer(
      { name: 'discovery-board', version: '1' },
      { capabilities: { tools: {}, resources: {} }, instructions: Instructions },
    )
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (id) => {
        sessions.set(id, session)
      },
      onsessionclosed: (id) => {
        const known = sessions.get(id)
        if (known) close(id, known)
      },
    })
    const session: OpenSession = { credential, secretHash, transport, server, lastUsed: ctx.now() }
    const kit = createAgentKit(ctx, server, session)
    registerCanvasTools(kit)
    registerItemTools(kit)
    registerHypothesisTools(kit)
    registerCheckinTools(kit)
    await server.connect(transport)
    return transport.handleRequest(request, { parsedBody: body })
  }

  return {
    /**
     * One request of an agent whose credential is valid now: opens a session with an
     * `initialize` request, otherwise goes to the session its `Mcp-Session-Id` names (404 for
     * one this server does not know, or one opened with another secret).
     */
    async handle(
      request: Request,
      auth: { credential: AgentCredential; secretHash: string },
      body: unknown,
    ): Promise<Response> {
      const id = request.headers.get('mcp-session-id')
      if (!id) {
        if (request.method === 'POST' && isInitializeRequest(body)) {
          return open(request, auth.credential, auth.secretHash, body)
        }
        return refusal(
          'invalid_body',
          'Open a session with an initialize request, then name it in Mcp-Session-Id',
        )
      }
      const session = sessions.get(id)
      if (!session || session.secretHash !== auth.secretHash) {
        return refusal('not_found', 'No such session: open a new one with initialize')
      }
      session.credential = auth.credential
      session.lastUsed = ctx.now()
      // Kept in the order of last use, so the longest idle come first when the map is full.
      sessions.delete(id)
      sessions.set(id, session)
      return session.transport.handleRequest(request, { parsedBody: body })
    },
  }
}
