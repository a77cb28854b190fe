import { useCallback, useEffect, useState } from 'react'
import type { MetricSourceView } from '../../../../shared/api/sources'
import { ApiError } from '../../../api/client'
import { getMetricSource } from '../../../api/sources'

/** How often an open canvas reads its sources' status again (the server polls on its own). */
const RefreshMs = 30_000

export type MetricSourceState =
  | { state: 'loading' }
  /** This person may not see sources (not an editor), or the server cannot tell now. */
  | { state: 'hidden' }
  | { state: 'ready'; source: MetricSourceView | null }

/** A metric's source as the server has it, read again now and then and after every change. */
export function useMetricSource(
  boardId: string,
  hypothesisId: string,
  metricKey: string,
  enabled = true,
) {
  const [value, setValue] = useState<MetricSourceState>({ state: 'loading' })
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!metricKey || !enabled) return
    const controller = new AbortController()
    const read = () =>
      getMetricSource({ boardId, hypothesisId, metricKey }, controller.signal).then(
        (source) => setValue({ state: 'ready', source }),
        (error: unknown) => {
          if (controller.signal.aborted) return
          // A viewer or commenter is refused: the control is an editor's.
          if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
            setValue({ state: 'hidden' })
          }
        },
      )
    void read()
    const timer = setInterval(() => void read(), RefreshMs)
    return () => {
      controller.abort()
      clearInterval(timer)
    }
  }, [boardId, hypothesisId, metricKey, version, enabled])
  const show = useCallback((source: MetricSourceView | null) => {
    setValue({ state: 'ready', source })
  }, [])
  const reload = useCallback(() => setVersion((v) => v + 1), [])
  return { value, show, reload }
}
