import { NotFoundPage } from './NotFoundPage'
import { matchRoute } from './routes'
import { usePathname } from './router'

/** The application shell: picks the page for the current path. */
export function App() {
  const pathname = usePathname()
  const match = matchRoute(pathname)
  if (!match) return <NotFoundPage />
  return <>{match.route.render(match.params)}</>
}
