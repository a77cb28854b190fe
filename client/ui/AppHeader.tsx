import type { ReactNode } from 'react'
import { Link } from '../app/router'
import { Logo } from './Logo'

/** The top bar of the list pages: the product name links home. */
export function AppHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        <Logo />
        <span>Discovery Board</span>
      </Link>
      {children}
    </header>
  )
}
