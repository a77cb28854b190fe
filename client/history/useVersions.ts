import { useCallback, useEffect, useRef, useState } from 'react'
import type { Version } from '../../shared/api/versions'
import { listVersions } from '../api/versions'
import { historyErrorText } from './historyErrors'

/** The board's versions as last read: loading the first time, then the list or why not. */
export type VersionsState =
  | { status: 'idle' }
  | { status: 'loading'; versions: Version[] | null }
  | { status: 'loaded'; versions: Version[] }
  | { status: 'failed'; versions: Version[] | null; error: string }

/**
 * The board's versions, read from the server when asked (`reload`): the panel asks when it
 * opens and after naming or restoring. A list read earlier stays shown while the next loads.
 */
export function useVersions(boardId: string): { state: VersionsState; reload: () => void } {
  const [state, setState] = useState<VersionsState>({ status: 'idle' })
  const current = useRef<AbortController | null>(null)

  const reload = useCallback(() => {
    current.current?.abort()
    const controller = new AbortController()
    current.current = controller
    setState((s) => ({ status: 'loading', versions: 'versions' in s ? s.versions : null }))
    listVersions(boardId, controller.signal).then(
      (versions) => {
        if (!controller.signal.aborted) setState({ status: 'loaded', versions })
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        setState((s) => ({
          status: 'failed',
          versions: 'versions' in s ? s.versions : null,
          error: historyErrorText(error),
        }))
      },
    )
  }, [boardId])

  useEffect(() => () => current.current?.abort(), [])
  return { state, reload }
}
