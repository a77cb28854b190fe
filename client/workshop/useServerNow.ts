import { useEffect, useState } from 'react'
import type { WorkshopSync } from './WorkshopSync'

/** The server's clock, re-read every `intervalMs` while `active` (a running timer). */
export function useServerNow(workshop: WorkshopSync | null, active: boolean, intervalMs = 250) {
  const read = () => workshop?.serverNow() ?? Date.now()
  const [now, setNow] = useState(read)
  useEffect(() => {
    const tick = () => setNow(workshop?.serverNow() ?? Date.now())
    tick()
    if (!active) return
    const id = window.setInterval(tick, intervalMs)
    return () => window.clearInterval(id)
  }, [workshop, active, intervalMs])
  return now
}
