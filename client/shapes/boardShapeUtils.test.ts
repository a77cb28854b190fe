import { createTLStore, defaultBindingUtils } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { createBoardSchema } from '../../shared/doc/boardSchema'
import { boardShapeUtils } from './boardShapeUtils'

describe('the board schema the sync builds without views', () => {
  it("describes the same records and migrations as the editor's shape utils", () => {
    const fromUtils = createTLStore({
      shapeUtils: boardShapeUtils({ doc: null, noteDropTarget: null }),
      bindingUtils: defaultBindingUtils,
    }).schema
    expect(createBoardSchema().serialize()).toEqual(fromUtils.serialize())
  })
})
