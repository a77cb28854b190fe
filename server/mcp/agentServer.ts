import { randomUUID } from 'node:crypto'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import type { ServerContext } from '../context.js'
import { createAgentKit, type AgentSession } from './agentKit.js'
import { registerCanvasTools } from './canvasTools.js'
import { registerHypothesisTools } from './hypothesisTools.js'
import { registerCheckinTools } from './checkinTools.js'
import { registerItemTools } from './itemTools.js'

/**
 * Everything that needs the MCP SDK: agentSessions.ts loads this module when the first agent
 * comes, since the SDK and its schemas take a few MB that a server without agents never uses.
 */

export { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js'

const Instructions =
  'Discovery Board: boards of canvases (hypothesis, machine learning, lean, value stream). ' +
  'list_boards, then list_canvases and read_canvas; change with create_canvas, update_canvas, ' +
  'add_item, edit_item, move_item, update_hypothesis and post_measurements. Every change is ' +
  'seen at once by everyone on the board and attributed to your client’s name.'

/** What a session learns from its transport: the id it was given, and its end. */
export interface SessionEvents {
  initialized(id: string): void
  closed(id: string): void
}

/**
 * A session's own MCP server with every tool, acting as `session`'s credential, and the
 * transport that answers its requests as JSON, never a stream.
 */
export function createAgentServer(
  ctx: ServerContext,
  session: AgentSession,
  events: SessionEvents,
) {
  const server = new McpServer(
    { name: 'discovery-board', version: '1' },
    { capabilities: { tools: {}, resources: {} }, instructions: Instructions },
  )
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableJsonResponse: true,
    onsessioninitialized: events.initialized,
    onsessionclosed: events.closed,
  })
  const kit = createAgentKit(ctx, server, session)
  registerCanvasTools(kit)
  registerItemTools(kit)
  registerHypothesisTools(kit)
  registerCheckinTools(kit)
  return { server, transport }
}
