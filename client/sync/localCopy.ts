import type * as Y from 'yjs'
import { getBoardCanvases, readAllCanvases } from '../../shared/doc/canvasDoc'
import { getCanvasSpec } from '../../shared/canvases/registry'
import { readDrawings } from '../../shared/doc/drawings'
import { exportBoardMarkdown, type ExportCanvas } from '../../shared/markdown/exportMarkdown'

/** The canvases of a board as this device holds them, as the markdown export reads them. */
export function localCanvasesForExport(doc: Y.Doc): ExportCanvas[] {
  const maps = getBoardCanvases(doc)
  return readAllCanvases(doc).map((content) => {
    const map = maps.get(content.id)
    const tracking = getCanvasSpec(content.kind).tracking
    return tracking && map ? { ...content, tracking: tracking.read(map) } : content
  })
}

/**
 * The board as this device holds it, as markdown (the format of the export): its canvases and
 * what people drew, without authors, whose names only the server keeps.
 */
export function localCopyMarkdown(doc: Y.Doc, title: string): string {
  return exportBoardMarkdown(title, localCanvasesForExport(doc), { drawings: readDrawings(doc) })
}

/** A file name from a board title: letters, digits and dashes. */
export function fileNameFor(title: string, suffix: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60)
  return `${base || 'board'}-${suffix}`
}

/** Hands a file to the browser's downloads. */
export function downloadFile(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked later: the download starts asynchronously and needs the address until then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
