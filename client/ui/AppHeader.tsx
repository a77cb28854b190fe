import type { ReactNode } from 'react'
import { Link, usePathname } from '../app/router'
import { PortfolioPath } from '../portfolio/portfolioPath'
import { TrackerPath } from '../tracker/trackerPath'
import './AppHeader.css'
import { Logo } from './Logo'

const sections = [
  { to: '/', label: 'Boards', testId: 'nav-boards' },
  { to: TrackerPath, label: 'Hypotheses', testId: 'nav-hypotheses' },
  { to: PortfolioPath, label: 'Portfolio', testId: 'nav-portfolio' },
]

/** The top bar of the list pages: the product name links home, then the sections. */
export function AppHeader({ children }: { children?: ReactNode }) {
  const pathname = usePathname()
  return (
    <header className="app-header">
      <div className="app-header-start">
        <Link to="/" className="brand">
          <Logo />
          <span>Discovery Board</span>
        </Link>
        <nav className="app-nav" aria-label="Sections">
          {sections.map((section) => (
            <Link
              key={section.to}
              to={section.to}
              className="app-nav-link"
              data-testid={section.testId}
              aria-current={pathname === section.to ? 'page' : undefined}
            >
              {section.label}
            </Link>
          ))}
        </nav>
      </div>
      {children}
    </header>
  )
}
