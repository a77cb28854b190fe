import type { AnchorHTMLAttributes, ReactNode } from 'react'
import { stopEventPropagation } from 'tldraw'

/**
 * A control that only changes what this screen shows (open a panel, pick a tab, follow a link),
 * never the document. It is a link-styled anchor rather than a button because a read-only
 * board disables every button of a canvas, and viewers still need to look around.
 */
export function ViewAction({
  onAct,
  children,
  ...rest
}: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'> & {
  onAct: () => void
  children: ReactNode
}) {
  return (
    <a
      role="button"
      href="#"
      {...rest}
      onPointerDown={stopEventPropagation}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === ' ') {
          event.preventDefault()
          onAct()
        }
      }}
      onClick={(event) => {
        event.preventDefault()
        onAct()
      }}
    >
      {children}
    </a>
  )
}
