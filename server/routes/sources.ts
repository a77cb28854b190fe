import { createRoute } from '@hono/zod-openapi'
import { isIP } from 'node:net'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  BoardSourcesSchema,
  MetricKeyParamSchema,
  MetricSourceViewSchema,
  PollResultSchema,
  SourceInputSchema,
  type MetricSourceView,
  type SourceInput,
} from '../../shared/api/sources.js'
import { newId } from '../../shared/canvases/baseContent.js'
import { hypothesisSpec } from '../../shared/canvases/hypothesis/spec.js'
import { EntityIdSchema } from '../../shared/canvases/schema.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'
import type { StoredMetricSource } from '../persistence/types.js'
import { isForbiddenAddress } from '../http/addressPolicy.js'
import { configView, parseStoredConfig, storedConfigOf } from '../sources/sourceConfig.js'
import { requireBoard } from './boards.js'
import { findCanvas } from './boardDoc.js'

const BoardParams = z.object({ boardId: BoardIdSchema })
const Params = BoardParams.extend({
  hypothesisId: EntityIdSchema,
  metricKey: MetricKeyParamSchema,
})
const SourcePath = '/{boardId}/hypotheses/{hypothesisId}/metrics/{metricKey}/source'

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())

/** A stored source as the API shows it: header names only, never their values. */
export function sourceView(s: StoredMetricSource): MetricSourceView {
  return {
    hypothesisId: s.canvasId,
    metricKey: s.metricKey,
    source: configView(parseStoredConfig(s.configJson)),
    lastPollAt: iso(s.lastPollAt),
    nextPollAt: iso(s.nextPollAt)!,
    lastError: s.lastError,
    lastValue: s.lastValue,
    lastValueAt: iso(s.lastValueAt),
  }
}

/** A host the server would refuse to reach, refused when the source is saved (clearer then). */
function refusedHost(input: SourceInput, allowPrivate: boolean): string | null {
  if (allowPrivate) return null
  const host = new URL(input.kind === 'prometheus' ? input.baseUrl : input.url).hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
  const local = host === 'localhost' || host.endsWith('.localhost')
  return local || (isIP(host) !== 0 && isForbiddenAddress(host)) ? host : null
}

/** Where a hypothesis's metrics are pulled from: connect, read, remove, poll now, list. */
export function sourceRoutes(ctx: ServerContext) {
  /** The metric must exist on the hypothesis (404 otherwise). */
  const requireMetric = async (boardId: string, hypothesisId: string, metricKey: string) => {
    const found = await findCanvas(ctx, boardId, hypothesisId, hypothesisSpec.kind)
    if (!(found.content.metrics ?? []).some((m) => m.key === metricKey)) {
      throw new ApiError('not_found', `The hypothesis has no metric "${metricKey}"`)
    }
  }
  const requireSource = async (boardId: string, hypothesisId: string, metricKey: string) => {
    await requireBoard(ctx, boardId)
    const source = await ctx.persistence.getMetricSource(boardId, hypothesisId, metricKey)
    if (!source) throw new ApiError('not_found', `The metric "${metricKey}" has no source`)
    return source
  }

  return openApiRoutes()
    .openapi(
      createRoute({
        method: 'put',
        path: SourcePath,
        operationId: 'setMetricSource',
        summary: 'Connect a metric to a source the server polls (Prometheus or JSON over HTTP)',
        description:
          'Header values are stored encrypted and never answered; on an edit, a header sent ' +
          'without a value keeps its stored value. The source is polled soon after it is saved.',
        request: { params: Params, body: jsonBody(SourceInputSchema) },
        responses: {
          200: json(MetricSourceViewSchema, 'The source and how its polls went'),
          ...errors(400, 403, 404, 413, 503),
        },
      }),
      async (c) => {
        const { boardId, hypothesisId, metricKey } = c.req.valid('param')
        const input = c.req.valid('json')
        const host = refusedHost(input, ctx.config.pulls.allowPrivateNetwork)
        if (host) {
          throw new ApiError(
            'invalid_body',
            `${host} is a private or local address; the operator allows those with PULLS_ALLOW_PRIVATE_NETWORK=true`,
          )
        }
        await requireMetric(boardId, hypothesisId, metricKey)
        const before = await ctx.persistence.getMetricSource(boardId, hypothesisId, metricKey)
        const config = storedConfigOf(
          input,
          before && parseStoredConfig(before.configJson),
          ctx.sources.secrets,
        )
        if ('missingHeader' in config) {
          throw new ApiError(
            'invalid_body',
            `headers: give a value for ${config.missingHeader} (none is stored yet)`,
          )
        }
        const now = ctx.now()
        const saved = await ctx.persistence.putMetricSource({
          id: before?.id ?? newId(16),
          boardId,
          canvasId: hypothesisId,
          metricKey,
          configJson: JSON.stringify(config),
          now,
          nextPollAt: now,
        })
        return c.json(sourceView(saved), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: SourcePath,
        operationId: 'getMetricSource',
        summary: 'A metric’s source and how its polls went',
        request: { params: Params },
        responses: {
          200: json(MetricSourceViewSchema, 'The source'),
          ...errors(400, 403, 404),
        },
      }),
      async (c) => {
        const { boardId, hypothesisId, metricKey } = c.req.valid('param')
        return c.json(sourceView(await requireSource(boardId, hypothesisId, metricKey)), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: SourcePath,
        operationId: 'removeMetricSource',
        summary: 'Disconnect a metric from its source; what it recorded stays',
        request: { params: Params },
        responses: { 204: { description: 'Removed' }, ...errors(400, 403, 404, 503) },
      }),
      async (c) => {
        const { boardId, hypothesisId, metricKey } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        if (!(await ctx.persistence.deleteMetricSource(boardId, hypothesisId, metricKey))) {
          throw new ApiError('not_found', `The metric "${metricKey}" has no source`)
        }
        return c.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${SourcePath}/poll`,
        operationId: 'pollMetricSource',
        summary: 'Poll a metric’s source now and answer what came of it',
        description:
          'A failed poll (unreachable, an error answer, no value at the path) records nothing ' +
          'and answers 200 with its `error`, kept as the source’s last error. A reading recorded ' +
          'before is not recorded again. 409 while another poll of it is under way.',
        request: { params: Params },
        responses: {
          200: json(PollResultSchema, 'What the poll did'),
          ...errors(400, 403, 404, 409, 503),
        },
      }),
      async (c) => {
        const { boardId, hypothesisId, metricKey } = c.req.valid('param')
        const source = await requireSource(boardId, hypothesisId, metricKey)
        const done = await ctx.sources.pollNow(source)
        if (!done) throw new ApiError('conflict', 'A poll of this source is under way')
        return c.json(
          { recorded: done.recorded, error: done.error, source: sourceView(done.source) },
          200,
        )
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/sources',
        operationId: 'listBoardSources',
        summary: 'Every metric source of a board, with its last poll, next poll and last error',
        request: { params: BoardParams },
        responses: {
          200: json(BoardSourcesSchema, 'The board’s sources'),
          ...errors(400, 403, 404),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const sources = await ctx.persistence.listMetricSources(boardId)
        return c.json({ sources: sources.map(sourceView) }, 200)
      },
    )
}
