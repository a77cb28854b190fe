import { useCallback, useEffect, useRef, useState } from 'react'
import type { PortfolioResponse } from '../../shared/api/projects'
import { ApiError } from '../api/client'
import { getPortfolio } from '../api/projects'
import { portfolioUrl, type PortfolioPageFilters } from './portfolioFilters'

export interface PortfolioState {
  /** The answer, and the page URL of the filters it answers. */
  data: (PortfolioResponse & { key: string }) | null
  error: string | null
  loading: boolean
}

/**
 * The portfolio for the filters, read again when they change and when the window regains
 * focus. Earlier rows stay on screen during a read, so a refresh never flashes the table.
 */
export function usePortfolio(filters: PortfolioPageFilters) {
  const [state, setState] = useState<PortfolioState>({ data: null, error: null, loading: true })
  const key = portfolioUrl(filters)
  const pending = useRef<AbortController | null>(null)
  const { stage, status } = filters

  const refresh = useCallback(async () => {
    pending.current?.abort()
    const controller = new AbortController()
    pending.current = controller
    setState((previous) => ({ ...previous, loading: true }))
    try {
      const data = await getPortfolio({ stage, status }, controller.signal)
      if (controller.signal.aborted) return
      setState({ data: { ...data, key }, error: null, loading: false })
    } catch (error) {
      if (controller.signal.aborted) return
      const message = error instanceof ApiError ? error.message : 'Could not load the portfolio.'
      setState((previous) => ({ ...previous, error: message, loading: false }))
    }
    // The key stands for the filters: equal filters read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  useEffect(() => {
    void refresh()
    return () => pending.current?.abort()
  }, [refresh])

  useEffect(() => {
    const onFocus = () => void refresh()
    window.addEventListener('focus', onFocus)
    return () => window.removeEventListener('focus', onFocus)
  }, [refresh])

  return { ...state, key, refresh }
}
