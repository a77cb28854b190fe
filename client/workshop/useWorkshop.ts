import { useEffect, useState, useSyncExternalStore } from 'react'
import type { WorkshopState } from '../../shared/workshop/workshopState'
import type { BoardSync } from '../sync/BoardSync'
import { WorkshopSync } from './WorkshopSync'

/** The workshop of a board for as long as the component is mounted. */
export function useWorkshopSync(sync: BoardSync): WorkshopSync | null {
  const [workshop, setWorkshop] = useState<WorkshopSync | null>(null)
  useEffect(() => {
    const created = new WorkshopSync(sync.awareness)
    setWorkshop(created)
    return () => {
      created.dispose()
      setWorkshop(null)
    }
  }, [sync])
  return workshop
}

/** The workshop state, re-rendering on change. */
export function useWorkshopState(workshop: WorkshopSync | null): WorkshopState | null {
  return useSyncExternalStore(workshop?.subscribe ?? noSubscribe, workshop?.getState ?? noState)
}

const noSubscribe = () => () => undefined
const noState = () => null
