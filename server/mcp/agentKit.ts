import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import { agentName } from '../../shared/api/agentTools.js'
import type { Role } from '../../shared/api/links.js'
import { participantIdOf } from '../../shared/workshop/participant.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { BoardUnreadableError, StorageUnavailableError } from '../persistence/storageErrors.js'
import { requireAgentAccess, type AgentCredential, type AgentNeed } from './agentAccess.js'

/** One agent's session: the credential of its latest request, checked again on every request. */
export interface AgentSession {
  credential: AgentCredential
}

/** The agent as its changes name it: its MCP client's name, and a participant id from it. */
export interface Agent {
  name: string
  id: string
}

/**
 * The participant id of an agent's name. Derived from text that cannot be a browser's secret
 * (it has a space), so no person can present themselves as an agent or the other way round.
 */
export const agentParticipantId = (name: string) => participantIdOf(`agent ${name}`)

/** Who a tool call acts as: the agent, and the credential of the request that carried it. */
export interface ToolCall {
  agent: Agent
  credential: AgentCredential
}

/** What the tool modules register with: the server, the context and a checked tool. */
export interface AgentKit {
  ctx: ServerContext
  server: McpServer
  session: AgentSession
  agent(): Agent
  /**
   * Checks the session's credential for `need` on `boardId` (404, 403 as REST does); answers
   * the role its key gives there (null for an ingestion token).
   */
  allow(boardId: string, need: AgentNeed): Promise<Role | null>
  /**
   * Registers a tool whose answer is JSON (or markdown text) and whose refusals are tool
   * results with `isError` and the REST error's code and message.
   */
  tool<Shape extends z.ZodRawShape>(
    name: string,
    description: string,
    input: Shape,
    run: (args: z.infer<z.ZodObject<Shape>>, call: ToolCall) => Promise<unknown>,
  ): void
  /**
   * After a change: shows the agent on every screen of the board under its name, and notes it
   * as someone who worked there (summary, history).
   */
  noteChange(boardId: string, role: Role | null): void
}

/** The words of a refusal: the REST error code and its message; never a stack. */
export function refusalOf(ctx: ServerContext, error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`
  if (error instanceof StorageUnavailableError) {
    return 'storage_unavailable: The server cannot save right now; nothing was changed. Try again shortly.'
  }
  if (error instanceof BoardUnreadableError) {
    return "board_unreadable: This board's stored data cannot be read. The operator can repair it with `npm run doctor`."
  }
  ctx.log.error('mcp.error', { error: String((error as Error)?.stack ?? error) })
  return 'internal: Something went wrong on the server'
}

/** The kit for one session's server. */
export function createAgentKit(
  ctx: ServerContext,
  server: McpServer,
  session: AgentSession,
): AgentKit {
  const agent = (): Agent => {
    const name = agentName(server.server.getClientVersion()?.name)
    return { name, id: agentParticipantId(name) }
  }
  const answer = (value: unknown): CallToolResult => ({
    content: [
      { type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) },
    ],
  })
  return {
    ctx,
    server,
    session,
    agent,
    allow: (boardId, need) => requireAgentAccess(ctx, session.credential, boardId, need),
    tool(name, description, input, run) {
      // The SDK checks the arguments against the schema before this runs, and refuses them as a
      // tool error naming the field; read here through the same schema, typed.
      const schema = z.strictObject(input)
      const inputSchema: z.ZodRawShape = input
      server.registerTool(name, { description, inputSchema }, async (raw) => {
        try {
          const args = schema.parse(raw)
          return answer(await run(args, { agent: agent(), credential: session.credential }))
        } catch (error) {
          return { isError: true, content: [{ type: 'text', text: refusalOf(ctx, error) }] }
        }
      })
    },
    noteChange(boardId, role) {
      if (!role) return
      const { name, id } = agent()
      ctx.rooms.withLoadedRoom(boardId, (room) => room.showWorker({ id, name, role }))
    },
  }
}
