import { z } from 'zod'
import { EntityIdSchema, ItemTextSchema } from '../canvases/schema.js'
import { HypothesisStatuses } from '../canvases/hypothesis/tracking.js'
import { Verdicts } from '../canvases/hypothesis/verdict.js'
import { Stages } from '../canvases/project/stages.js'
import { ProjectStatuses } from '../canvases/project/tracking.js'
import { BoardIdSchema } from './boards.js'
import { CheckinInputSchema } from '../checkins/checkin.js'
import { CreateCanvasBodySchema, UpdateCanvasBodySchema } from './canvases.js'
import {
  HypothesisPatchFields,
  MaxMeasurementsPerRequest,
  MeasurementInputSchema,
  TrackerSorts,
} from './hypotheses.js'
import { hasUnwantedCharacters, withoutUnwantedCharacters } from './plainText.js'

/**
 * The tools `/mcp` offers agents (the Model Context Protocol), with their inputs. Each input is
 * the REST body of the same change with the board and canvas named in it; who made the change
 * is the agent's own name, never an input.
 */
export const AgentTools = {
  listBoards: 'list_boards',
  listCanvases: 'list_canvases',
  readCanvas: 'read_canvas',
  createCanvas: 'create_canvas',
  updateCanvas: 'update_canvas',
  addItem: 'add_item',
  editItem: 'edit_item',
  moveItem: 'move_item',
  updateHypothesis: 'update_hypothesis',
  postMeasurements: 'post_measurements',
  readTracker: 'read_tracker',
  readPortfolio: 'read_portfolio',
  recordCheckin: 'record_checkin',
} as const

const board = { boardId: BoardIdSchema.describe('The board, as list_boards names it') }
const canvas = {
  ...board,
  canvasId: EntityIdSchema.describe('The canvas, as list_canvases names it'),
}
const hypothesis = {
  ...board,
  hypothesisId: EntityIdSchema.describe('The hypothesis canvas, as list_canvases names it'),
}
const boxKey = z.string().min(1).max(64).describe('The box key (docs/markdown-format.md)')
const index = z.number().int().min(0).max(100_000)

const { status, timeboxDays, reason } = HypothesisPatchFields
const { metrics, ...updateContent } = UpdateCanvasBodySchema.shape
const { title, fields, boxes, belief, expectedResult, successSignal, current, future } =
  updateContent

export const CanvasFormats = ['json', 'markdown'] as const

/** Each tool's input, as the zod shape the MCP SDK takes. */
export const AgentToolInputs = {
  [AgentTools.listBoards]: {},
  [AgentTools.listCanvases]: board,
  [AgentTools.readCanvas]: {
    ...canvas,
    format: z
      .enum(CanvasFormats)
      .optional()
      .describe('json (the typed content, the default) or markdown (as the export writes it)'),
  },
  [AgentTools.createCanvas]: { ...board, ...CreateCanvasBodySchema.shape },
  [AgentTools.updateCanvas]: {
    ...canvas,
    title,
    fields,
    boxes,
    belief,
    expectedResult,
    successSignal,
    current,
    future,
  },
  [AgentTools.addItem]: {
    ...canvas,
    box: boxKey,
    text: ItemTextSchema,
    index: index.optional().describe('Where in the box; at the end when absent'),
  },
  [AgentTools.editItem]: {
    ...canvas,
    itemId: EntityIdSchema,
    text: ItemTextSchema,
  },
  [AgentTools.moveItem]: {
    ...canvas,
    itemId: EntityIdSchema,
    toBox: boxKey,
    toCanvasId: EntityIdSchema.optional().describe(
      'Another canvas of the board; this one when absent',
    ),
    toIndex: index.optional().describe('Where in the target box; at the end when absent'),
  },
  [AgentTools.updateHypothesis]: {
    ...hypothesis,
    status,
    timeboxDays,
    metrics,
    reason: reason.describe(
      'Required to change criteria once the hypothesis runs: the change is kept as a dated amendment',
    ),
  },
  [AgentTools.postMeasurements]: {
    ...hypothesis,
    measurements: z.array(MeasurementInputSchema).min(1).max(MaxMeasurementsPerRequest),
    baseline: z.boolean().optional().describe('Marks every row as a baseline reading'),
  },
  [AgentTools.readTracker]: {
    status: z.array(z.enum(HypothesisStatuses)).optional(),
    verdict: z.array(z.enum(Verdicts)).optional(),
    overdue: z.boolean().optional(),
    sort: z.enum(TrackerSorts).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  },
  [AgentTools.readPortfolio]: {
    stage: z.array(z.enum(Stages)).optional().describe('Only projects in these stages'),
    status: z.array(z.enum(ProjectStatuses)).optional().describe('active, succeeded or stopped'),
  },
  [AgentTools.recordCheckin]: {
    ...canvas,
    happened: CheckinInputSchema.shape.happened.describe('What happened since the last check-in'),
    likelihood: CheckinInputSchema.shape.likelihood.describe(
      'Likelihood of success: { level: low | medium | high } or { percent: 0..100 }',
    ),
    momentum: CheckinInputSchema.shape.momentum.describe('moving (forward) or stuck'),
    next: CheckinInputSchema.shape.next.describe('The next experiments'),
  },
} as const

/**
 * The address of a canvas as a resource, read as its typed JSON and its markdown:
 * `board://<boardId>/canvases/<canvasId>`.
 */
export const CanvasResourceTemplate = 'board://{boardId}/canvases/{canvasId}'
export const canvasResourceUri = (boardId: string, canvasId: string) =>
  `board://${boardId}/canvases/${canvasId}`

/** An agent's name is the name its MCP client gives, kept to one line of visible text. */
export const AgentNameLimit = 64
export const DefaultAgentName = 'Agent'

/** The name an agent's changes are attributed to, from the name its client sent. */
export function agentName(clientName: string | undefined): string {
  const name = withoutUnwantedCharacters(clientName ?? '')
    .trim()
    .slice(0, AgentNameLimit)
    .trim()
  return name.length > 0 && !hasUnwantedCharacters(name) ? name : DefaultAgentName
}
