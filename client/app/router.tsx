import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

/** A tiny pathname router: pushState plus a change event, read with useSyncExternalStore. */

const NavigateEvent = 'app:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NavigateEvent, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NavigateEvent, onChange)
  }
}

/** The current location pathname; re-renders on navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}

/** The current query string ("?a=b", or "" without one); re-renders on navigation. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search)
}

/**
 * Moves to another in-app path (with an optional query) without reloading the page. `replace`
 * keeps the history entry, for state such as filters that should not each add a Back step;
 * `keepScroll` stays where the reader is.
 */
export function navigate(path: string, { replace = false, keepScroll = false } = {}): void {
  if (path === window.location.pathname + window.location.search) return
  if (replace) window.history.replaceState(null, '', path)
  else window.history.pushState(null, '', path)
  window.dispatchEvent(new Event(NavigateEvent))
  if (!keepScroll) window.scrollTo(0, 0)
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }

/** An anchor that navigates in-app on plain clicks and behaves like a normal link otherwise. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    // Let the browser handle new-tab, download and modified clicks.
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey
    if (event.defaultPrevented || modified || event.button !== 0 || rest.target) return
    event.preventDefault()
    navigate(to)
  }
  return <a href={to} onClick={handleClick} {...rest} />
}
