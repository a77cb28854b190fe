import type { Page } from 'playwright-core'
import type { TLShapeId } from 'tldraw'

/** Drops a generated PNG of the given side length onto the canvas, as a pasted file would. */
export function dropPng(page: Page, side: number): Promise<void> {
  return page.evaluate(async (size) => {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = size
    const context = canvas.getContext('2d')!
    // Noise does not compress, so the side length controls the file size.
    const pixels = context.createImageData(size, size)
    for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = Math.random() * 256
    context.putImageData(pixels, 0, 0)
    const blob = await new Promise<Blob>((resolve) =>
      canvas.toBlob((png) => resolve(png!), 'image/png'),
    )
    const file = new File([blob], `noise-${size}.png`, { type: 'image/png' })
    await window.editor!.putExternalContent({ type: 'files', files: [file] })
  }, side)
}

/** How many image shapes the current page holds. */
export function imageShapeCount(page: Page): Promise<number> {
  return page.evaluate(
    () => window.editor!.getCurrentPageShapes().filter((shape) => shape.type === 'image').length,
  )
}

/** The src of every asset in the page's store, as the document stores it. */
export function imageSources(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    window
      .editor!.getAssets()
      .map((asset) => ('src' in asset.props ? asset.props.src : null) ?? ''),
  )
}

/** The addresses of the images the canvas shows, loaded and not broken. */
export function shownImages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('img.tl-image')]
      .filter((img) => img.complete && img.naturalWidth > 0)
      .map((img) => img.src),
  )
}

/** Selects every image shape on the page. */
export function selectImages(page: Page): Promise<TLShapeId[]> {
  return page.evaluate(() => {
    const editor = window.editor!
    const ids = editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'image')
      .map((shape) => shape.id)
    editor.select(...ids)
    return ids
  })
}

/**
 * What tldraw's copy puts on the clipboard for the selection: its records, with each image
 * fetched (through the board's asset store) and inlined as a data URL. Headless Chromium's
 * clipboard is not dependable, so the tests carry it themselves.
 */
export function copySelection(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const editor = window.editor!
    const content = editor.getContentFromCurrentPage(editor.getSelectedShapeIds())
    return JSON.stringify(await editor.resolveAssetsInContent(content))
  })
}

/** Pastes what copySelection returned, the way tldraw's paste does. */
export function paste(page: Page, copied: string): Promise<void> {
  return page.evaluate(async (json) => {
    const editor = window.editor!
    editor.markHistoryStoppingPoint('paste')
    await editor.putExternalContent({ type: 'tldraw', content: JSON.parse(json) })
  }, copied)
}

/** The page's images exported as SVG, as tldraw's export menu makes it. */
export function exportedSvg(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const editor = window.editor!
    const images = editor.getCurrentPageShapes().filter((shape) => shape.type === 'image')
    return (await editor.getSvgString(images.map((shape) => shape.id)))?.svg ?? ''
  })
}
