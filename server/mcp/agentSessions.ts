import { ApiErrors, type ApiErrorBody } from '../../shared/api/errors.js'
import type { ServerContext } from '../context.js'
import type { AgentCredential } from './agentAccess.js'
import type { AgentSession } from './agentKit.js'
import type { createAgentServer } from './agentServer.js'

/** At most this many agent sessions are kept; past it, the longest idle ones go first. */
export const MaxAgentSessions = 500
/** A session unused this long is forgotten; its agent starts a new one (404 tells it to). */
export const AgentSessionIdleMs = 30 * 60 * 1000

type AgentServer = ReturnType<typeof createAgentServer>

interface OpenSession extends AgentSession, AgentServer {
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
  // The MCP SDK is loaded with the first request that needs it (agentServer.ts); a failed load
  // answers that request with a 500 and is tried again by the next.
  let sdk: Promise<typeof import('./agentServer.js')> | undefined
  const loadSdk = () => {
    sdk ??= import('./agentServer.js').catch((error: unknown) => {
      sdk = undefined
      throw error
    })
    return sdk
  }

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
    { createAgentServer }: Awaited<ReturnType<typeof loadSdk>>,
    request: Request,
    credential: AgentCredential,
    secretHash: string,
    body: unknown,
  ): Promise<Response> {
    forgetIdle()
    const opened = { credential, secretHash, lastUsed: ctx.now() }
    const session: OpenSession = Object.assign(
      opened,
      createAgentServer(ctx, opened, {
        initialized: (id) => {
          sessions.set(id, session)
        },
        closed: (id) => {
          const known = sessions.get(id)
          if (known) close(id, known)
        },
      }),
    )
    const { server, transport } = session
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
        const sdk = request.method === 'POST' ? await loadSdk() : undefined
        if (sdk?.isInitializeRequest(body)) {
          return open(sdk, request, auth.credential, auth.secretHash, body)
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
