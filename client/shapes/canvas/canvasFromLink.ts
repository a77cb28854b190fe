/**
 * The canvas a link asks the board to show (`/b/<boardId>?canvas=<canvasId>`, as the tracker
 * links a hypothesis), or null.
 */
export function canvasFromLink(search: string): string | null {
  const id = new URLSearchParams(search).get('canvas')
  return id && /^[A-Za-z0-9_-]{6,32}$/.test(id) ? id : null
}
