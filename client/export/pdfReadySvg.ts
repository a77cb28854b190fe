import { pdfFontFamily, pdfSafeText } from './pdfFonts'

const SvgNs = 'http://www.w3.org/2000/svg'

/** Images are embedded at most this many pixels on their longer side, to keep files small. */
const MaxImagePixels = 2400

/**
 * Makes an SVG exported by the editor drawable by svg2pdf.js, which knows SVG only: text that
 * the editor lays out as HTML (rich text, in `<foreignObject>`) becomes `<text>` at the place
 * the browser laid out every word; images become data URLs; fonts become the PDF's standard
 * ones. The SVG is laid out in the page while this runs, out of sight, and removed after.
 */
export async function pdfReadySvg(exported: SVGSVGElement): Promise<SVGSVGElement> {
  // A copy: the editor removes its own rendering of the export once done with it.
  const svg = exported.cloneNode(true) as SVGSVGElement
  const host = document.createElement('div')
  host.setAttribute('aria-hidden', 'true')
  Object.assign(host.style, {
    position: 'fixed',
    left: '0',
    top: '0',
    opacity: '0',
    pointerEvents: 'none',
    zIndex: '-1',
    overflow: 'hidden',
    width: '1px',
    height: '1px',
  })
  host.appendChild(svg)
  document.body.appendChild(host)
  try {
    // Text is measured in the fonts the board shows; wait until they are ready.
    await document.fonts.ready
    for (const foreign of [...svg.querySelectorAll('foreignObject')]) {
      foreign.replaceWith(textOf(foreign))
    }
    await Promise.all([...svg.querySelectorAll('image')].map(inlineImage))
    for (const style of [...svg.querySelectorAll('style')]) style.remove()
    for (const element of [...svg.querySelectorAll<SVGElement>('[font-family], [style]')]) {
      const family = element.getAttribute('font-family') ?? element.style.fontFamily
      if (family) element.setAttribute('font-family', pdfFontFamily(family))
      element.style.removeProperty('font-family')
    }
    for (const text of [...svg.querySelectorAll('text, tspan')]) {
      for (const node of text.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) node.nodeValue = pdfSafeText(node.nodeValue ?? '')
      }
    }
    return svg
  } finally {
    host.remove()
  }
}

/** Where a word was laid out and how it looks, in the foreign object's own coordinates. */
interface PlacedWord {
  text: string
  x: number
  y: number
  style: CSSStyleDeclaration
  /** Its centre on screen, to leave out words a box with hidden overflow does not show. */
  screen: { x: number; y: number }
  /** Which end of the text `x` is, as SVG's text-anchor. */
  anchor: 'start' | 'middle' | 'end'
}

/** The words of a foreign object as SVG text, placed where the browser laid them out. */
function textOf(foreign: SVGForeignObjectElement): SVGGElement {
  const group = document.createElementNS(SvgNs, 'g')
  const toLocal = foreign.getScreenCTM()?.inverse()
  if (!toLocal) return group
  const screenScale = 1 / Math.hypot(toLocal.a, toLocal.b)
  for (const element of foreign.querySelectorAll('*')) {
    for (const rect of boxesOf(element, foreign, toLocal, screenScale)) group.appendChild(rect)
  }
  const words: PlacedWord[] = []
  const walker = document.createTreeWalker(foreign, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement
    if (!parent) continue
    const style = getComputedStyle(parent)
    if (style.visibility === 'hidden' || style.display === 'none') continue
    const clip = clipOf(parent, foreign)
    words.push(
      ...wordsOf(node as Text, style, toLocal, screenScale).filter(
        (word) => !clip || contains(clip, word.screen),
      ),
    )
  }
  for (const list of foreign.querySelectorAll('ul')) {
    for (const item of list.querySelectorAll(':scope > li')) {
      const bullet = bulletOf(item, toLocal, screenScale)
      if (bullet) words.push(bullet)
    }
  }
  for (const word of words) group.appendChild(textElement(word))
  return group
}

/**
 * The lines of a text node as the browser broke them, each placed where it starts (or centred
 * or ending where it does, as the text is aligned): the PDF's font is not the page's, so a line
 * is kept together rather than spread out word by word.
 */
function wordsOf(
  node: Text,
  style: CSSStyleDeclaration,
  toLocal: DOMMatrix,
  screenScale: number,
): PlacedWord[] {
  const pieces: { text: string; rect: DOMRect; spaced: boolean }[] = []
  const range = document.createRange()
  const data = node.data
  for (const match of data.matchAll(/\S+/g)) {
    const start = match.index
    range.setStart(node, start)
    range.setEnd(node, start + match[0].length)
    const rects = [...range.getClientRects()].filter((r) => r.width > 0)
    if (rects.length <= 1) {
      if (rects[0]) pieces.push({ text: match[0], rect: rects[0], spaced: true })
      continue
    }
    // Broken across lines: read it letter by letter, joining letters that share a line.
    for (let i = 0; i < match[0].length; i++) {
      range.setStart(node, start + i)
      range.setEnd(node, start + i + 1)
      const rect = range.getClientRects()[0]
      if (rect) pieces.push({ text: data[start + i]!, rect, spaced: i === 0 })
    }
  }
  const lines: { text: string; rect: DOMRect }[] = []
  for (const piece of pieces) {
    const line = lines.at(-1)
    if (line && Math.abs(piece.rect.top - line.rect.top) < piece.rect.height / 2) {
      line.text += piece.spaced ? ` ${piece.text}` : piece.text
      line.rect = union(line.rect, piece.rect)
    } else {
      lines.push({ text: piece.text, rect: piece.rect })
    }
  }
  const align = style.textAlign
  const anchor: PlacedWord['anchor'] = /center/.test(align)
    ? 'middle'
    : /right|end/.test(align) && style.direction !== 'rtl'
      ? 'end'
      : 'start'
  return lines.map((line) => placeWord(line.text, line.rect, style, toLocal, screenScale, anchor))
}

function union(a: DOMRect, b: DOMRect): DOMRect {
  const left = Math.min(a.left, b.left)
  const top = Math.min(a.top, b.top)
  return new DOMRect(
    left,
    top,
    Math.max(a.right, b.right) - left,
    Math.max(a.bottom, b.bottom) - top,
  )
}

const metricsCanvas = document.createElement('canvas').getContext('2d')

/** The word at its baseline, found from the font's own ascent and descent. */
function placeWord(
  text: string,
  rect: DOMRect,
  style: CSSStyleDeclaration,
  toLocal: DOMMatrix,
  screenScale: number,
  anchor: PlacedWord['anchor'] = 'start',
): PlacedWord {
  const fontSize = parseFloat(style.fontSize) || 16
  let ascent = fontSize * 0.8
  let descent = fontSize * 0.2
  if (metricsCanvas) {
    metricsCanvas.font = `${style.fontStyle} ${style.fontWeight} ${fontSize}px ${style.fontFamily}`
    const metrics = metricsCanvas.measureText(text)
    ascent = metrics.fontBoundingBoxAscent || ascent
    descent = metrics.fontBoundingBoxDescent || descent
  }
  const height = (ascent + descent) * screenScale
  const baseline = rect.top + (rect.height - height) / 2 + ascent * screenScale
  const at =
    anchor === 'middle' ? rect.left + rect.width / 2 : anchor === 'end' ? rect.right : rect.left
  const point = new DOMPoint(at, baseline).matrixTransform(toLocal)
  const screen = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
  return { text, x: point.x, y: point.y, style, screen, anchor }
}

/** The bullet before an item of a bulleted list, which is no text node of its own. */
function bulletOf(item: Element, toLocal: DOMMatrix, screenScale: number): PlacedWord | null {
  const range = document.createRange()
  range.selectNodeContents(item)
  const rect = range.getClientRects()[0]
  if (!rect) return null
  const style = getComputedStyle(item)
  const fontSize = parseFloat(style.fontSize) || 16
  const placed = placeWord('•', rect, style, toLocal, screenScale)
  return { ...placed, x: placed.x - fontSize * 0.9 }
}

/** The screen area an element's ancestors with hidden overflow leave visible, if any. */
function clipOf(element: Element, foreign: Element): DOMRect | null {
  let clip: DOMRect | null = null
  for (let at: Element | null = element; at && at !== foreign; at = at.parentElement) {
    if (getComputedStyle(at).overflow === 'visible') continue
    const rect = at.getBoundingClientRect()
    clip = clip ? intersect(clip, rect) : rect
  }
  return clip
}

function intersect(a: DOMRect, b: DOMRect): DOMRect {
  const left = Math.max(a.left, b.left)
  const top = Math.max(a.top, b.top)
  const right = Math.min(a.right, b.right)
  const bottom = Math.min(a.bottom, b.bottom)
  return new DOMRect(left, top, Math.max(0, right - left), Math.max(0, bottom - top))
}

const contains = (rect: DOMRect, point: { x: number; y: number }) =>
  point.x >= rect.left && point.x <= rect.right && point.y >= rect.top && point.y <= rect.bottom

/**
 * An HTML element's background and border as SVG rectangles (a thicker top border, the card's
 * accent, as a bar of its own), within what its ancestors with hidden overflow show.
 */
function boxesOf(
  element: Element,
  foreign: Element,
  toLocal: DOMMatrix,
  screenScale: number,
): SVGElement[] {
  const style = getComputedStyle(element)
  if (style.display === 'none' || style.visibility === 'hidden') return []
  const background = splitAlpha(style.backgroundColor)
  const borderWidth = parseFloat(style.borderLeftWidth) || 0
  const topWidth = parseFloat(style.borderTopWidth) || 0
  const border = splitAlpha(style.borderLeftColor)
  const hasBackground = background.alpha > 0
  const hasBorder = borderWidth > 0 && border.alpha > 0 && style.borderLeftStyle !== 'none'
  if (!hasBackground && !hasBorder && topWidth === 0) return []
  const parentClip = element.parentElement ? clipOf(element.parentElement, foreign) : null
  const screen = parentClip
    ? intersect(element.getBoundingClientRect(), parentClip)
    : element.getBoundingClientRect()
  if (screen.width <= 0 || screen.height <= 0) return []
  const topLeft = new DOMPoint(screen.left, screen.top).matrixTransform(toLocal)
  const width = screen.width / screenScale
  const height = screen.height / screenScale
  const radius = Math.min(parseFloat(style.borderTopLeftRadius) || 0, width / 2, height / 2)
  const rect = (inset: number, h = height) => {
    const r = document.createElementNS(SvgNs, 'rect')
    r.setAttribute('x', (topLeft.x + inset).toFixed(2))
    r.setAttribute('y', (topLeft.y + inset).toFixed(2))
    r.setAttribute('width', Math.max(0, width - 2 * inset).toFixed(2))
    r.setAttribute('height', Math.max(0, h - 2 * inset).toFixed(2))
    if (radius > 0) r.setAttribute('rx', Math.max(0, radius - inset).toFixed(2))
    return r
  }
  const shapes: SVGElement[] = []
  const body = rect(hasBorder ? borderWidth / 2 : 0)
  body.setAttribute('fill', hasBackground ? background.color : 'none')
  if (hasBackground && background.alpha < 1)
    body.setAttribute('fill-opacity', String(background.alpha))
  if (hasBorder) {
    body.setAttribute('stroke', border.color)
    body.setAttribute('stroke-width', String(borderWidth))
  } else body.setAttribute('stroke', 'none')
  if (hasBackground || hasBorder) shapes.push(body)
  const top = splitAlpha(style.borderTopColor)
  if (topWidth > borderWidth && top.alpha > 0 && style.borderTopStyle !== 'none') {
    const bar = document.createElementNS(SvgNs, 'path')
    const { x, y } = topLeft
    const r = radius
    // The top edge with its rounded corners, as deep as the border.
    bar.setAttribute(
      'd',
      `M${x},${y + r} A${r},${r} 0 0 1 ${x + r},${y} L${x + width - r},${y} ` +
        `A${r},${r} 0 0 1 ${x + width},${y + r} L${x + width},${y + topWidth} L${x},${y + topWidth} Z`,
    )
    bar.setAttribute('fill', top.color)
    shapes.push(bar)
  }
  return shapes
}

function textElement({ text, x, y, style, anchor }: PlacedWord): SVGTextElement {
  const element = document.createElementNS(SvgNs, 'text')
  if (anchor !== 'start') element.setAttribute('text-anchor', anchor)
  element.setAttribute('x', x.toFixed(2))
  element.setAttribute('y', y.toFixed(2))
  element.setAttribute('font-size', style.fontSize)
  element.setAttribute('font-family', pdfFontFamily(style.fontFamily))
  if (parseInt(style.fontWeight, 10) >= 600) element.setAttribute('font-weight', 'bold')
  if (style.fontStyle === 'italic') element.setAttribute('font-style', 'italic')
  const { color, alpha } = splitAlpha(style.color)
  if (alpha === 0) return element
  element.setAttribute('fill', color)
  if (alpha < 1) element.setAttribute('fill-opacity', String(alpha))
  if (style.textDecorationLine.includes('line-through')) {
    element.setAttribute('text-decoration', 'line-through')
  }
  element.textContent = pdfSafeText(text)
  return element
}

/** A CSS colour without its alpha, and the alpha: svg2pdf.js reads `rgb()`, not `rgba()`. */
function splitAlpha(color: string): { color: string; alpha: number } {
  if (color === 'transparent') return { color: 'none', alpha: 0 }
  const match = /^rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\)$/.exec(color)
  if (!match) return { color, alpha: 1 }
  return { color: `rgb(${match[1]}, ${match[2]}, ${match[3]})`, alpha: Number(match[4]) }
}

/** Replaces an image's link with its pixels as a data URL (PNG, or JPEG for photos). */
async function inlineImage(image: SVGImageElement): Promise<void> {
  const href = image.getAttribute('href') ?? image.getAttribute('xlink:href')
  if (!href) return
  try {
    const element = new Image()
    element.decoding = 'async'
    element.src = href
    await element.decode()
    const ratio = Math.min(
      1,
      MaxImagePixels / Math.max(element.naturalWidth, element.naturalHeight),
    )
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(element.naturalWidth * ratio))
    canvas.height = Math.max(1, Math.round(element.naturalHeight * ratio))
    const context = canvas.getContext('2d')
    if (!context) return
    context.drawImage(element, 0, 0, canvas.width, canvas.height)
    const photo = /^data:image\/jpe?g|\.jpe?g(\?|$)/i.test(href)
    const data = photo ? canvas.toDataURL('image/jpeg', 0.9) : canvas.toDataURL('image/png')
    image.setAttribute('href', data)
    image.removeAttribute('xlink:href')
  } catch {
    // An image that cannot be read (gone from the server) is left out rather than failing all.
    image.remove()
  }
}
