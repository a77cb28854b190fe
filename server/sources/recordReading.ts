import { hypothesisSpec } from '../../shared/canvases/hypothesis/spec.js'
import { readStatus } from '../../shared/canvases/hypothesis/trackingDoc.js'
import type { ServerContext } from '../context.js'
import { recordMeasurements } from '../hypotheses/hypothesisActions.js'
import { editBoard, findCanvas, requireRoomFor, requireUnlocked } from '../routes/boardDoc.js'
import { PullError } from './pullRequest.js'
import { attributionOf } from './sourceConfig.js'
import type { RecordReading } from './sourcePoller.js'

/** Room a reading takes in the document, at most (an id, a time, a value, the attribution). */
const ReadingBytes = 512

/**
 * Records readings the way the measurements route does (all its checks, the same service), with
 * an id made of the source and the reading's own time: a reading polled again is not recorded
 * twice. Before the hypothesis runs, readings are its baseline.
 */
export function readingRecorder(ctx: ServerContext): RecordReading {
  return (source, config, reading) =>
    editBoard(async () => {
      const found = await findCanvas(ctx, source.boardId, source.canvasId, hypothesisSpec.kind)
      await requireUnlocked(ctx, found.room, source.canvasId)
      if (!(found.content.metrics ?? []).some((m) => m.key === source.metricKey)) {
        throw new PullError(`The hypothesis has no metric "${source.metricKey}" any more`)
      }
      const status = readStatus(found.map)
      if (status === 'evaluated' || status === 'decided') {
        throw new PullError(`The hypothesis is ${status}: nothing more is recorded`)
      }
      requireRoomFor(found.room, ReadingBytes)
      const attribution = attributionOf(config)
      const result = await recordMeasurements(
        found,
        [
          {
            metric: source.metricKey,
            value: reading.value,
            at: new Date(reading.at).toISOString(),
            source: attribution,
            id: `source-${source.id}-${reading.at}`,
          },
        ],
        status !== 'running',
        attribution,
        ctx.now(),
        ctx.measurements,
      )
      return result.recorded > 0
    })
}
