import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { BoardSchema } from '../../shared/api/boards'
import { answer, api } from './client'
import { measurementsPath } from './hypotheses'

describe('the typed API client', () => {
  it('builds the paths of the server’s routes', () => {
    const board = api.boards[':boardId']
    expect(board['export.md'].$path({ param: { boardId: 'b1' } })).toBe('/api/boards/b1/export.md')
    expect(
      board.canvases[':canvasId']['export.md'].$path({ param: { boardId: 'b1', canvasId: 'c1' } }),
    ).toBe('/api/boards/b1/canvases/c1/export.md')
    expect(board.workshop['summary.md'].$path({ param: { boardId: 'b1' } })).toBe(
      '/api/boards/b1/workshop/summary.md',
    )
    expect(measurementsPath('b1', '<hypothesisId>')).toBe(
      '/api/boards/b1/hypotheses/<hypothesisId>/measurements',
    )
  })

  it('refuses, when type-checked, a call the server does not take', () => {
    // Never run: `npm run typecheck` fails when one of these compiles.
    const calls = () => {
      // @ts-expect-error no such route
      void api.boards[':boardId'].canvas.$get({ param: { boardId: 'b1' } })
      // @ts-expect-error a body member the route does not take
      void api.boards[':boardId'].$patch({ param: { boardId: 'b1' }, json: { name: 'x' } })
      const rotate = api.boards[':boardId'].links[':role'].rotate
      // @ts-expect-error a missing path parameter
      void rotate.$post({ param: { boardId: 'b1' } })
      // @ts-expect-error a value the route's schema refuses
      void rotate.$post({ param: { boardId: 'b1', role: 'owner' } })
      // @ts-expect-error an answer schema that expects more than the server declares
      void answer(api.time.$get(), z.object({ now: z.number(), zone: z.string() }))
      // The board answer fits the shared board schema.
      void answer(api.boards[':boardId'].$get({ param: { boardId: 'b1' } }), BoardSchema)
    }
    expect(typeof calls).toBe('function')
  })
})
