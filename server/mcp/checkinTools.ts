import { AgentToolInputs, AgentTools } from '../../shared/api/agentTools.js'
import { recordCheckin } from '../checkins/checkinActions.js'
import type { AgentKit } from './agentKit.js'

const T = AgentTools
const I = AgentToolInputs

/** Check-ins: record one on a running hypothesis or an active project. */
export function registerCheckinTools(kit: AgentKit) {
  const { ctx } = kit
  kit.tool(
    T.recordCheckin,
    'Record a check-in on a running hypothesis or an active project, under your name: what ' +
      'happened, the likelihood of success (a level or a percentage), moving or stuck, and the ' +
      'next experiments. What was measured, moved or answered since the last one is listed ' +
      'with it automatically. Answers with the check-in and when the next one is due.',
    I[T.recordCheckin],
    async ({ boardId, canvasId, ...input }, { agent }) => {
      const role = await kit.allow(boardId, 'edit')
      const result = await recordCheckin(ctx, boardId, canvasId, input, agent.name)
      kit.noteChange(boardId, role)
      return result
    },
  )
}
