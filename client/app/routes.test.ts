import { describe, expect, it } from 'vitest'
import { matchRoute, type Route } from './routes'

const table: Route[] = [
  { path: '/', render: () => 'home' },
  { path: '/b/:boardId', render: () => 'board' },
]

describe('matching a path to a route', () => {
  it('finds the route and decodes its params', () => {
    expect(matchRoute('/', table)?.route.path).toBe('/')
    expect(matchRoute('/b/abc%20d', table)?.params).toEqual({ boardId: 'abc d' })
    expect(matchRoute('/b/abc/', table)?.params).toEqual({ boardId: 'abc' })
  })

  it('matches nothing for unknown or partial paths', () => {
    expect(matchRoute('/b', table)).toBeNull()
    expect(matchRoute('/b/x/y', table)).toBeNull()
    expect(matchRoute('/hypotheses', table)).toBeNull()
  })
})

describe('the app routes', () => {
  it('opens the hypothesis tracker at /hypotheses, with or without a trailing slash', () => {
    expect(matchRoute('/hypotheses')?.route.path).toBe('/hypotheses')
    expect(matchRoute('/hypotheses/')?.route.path).toBe('/hypotheses')
    expect(matchRoute('/hypotheses/x')).toBeNull()
  })
})
