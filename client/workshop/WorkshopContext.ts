import { createContext, useContext } from 'react'
import type { WorkshopSync } from './WorkshopSync'

/** The board's workshop, for views deep in the editor (a canvas reads its lock from it). */
export const WorkshopContext = createContext<WorkshopSync | null>(null)

/** The workshop of the board around this component, or null outside a board. */
export const useWorkshopContext = (): WorkshopSync | null => useContext(WorkshopContext)
