import { jsPDF } from 'jspdf'
import { svg2pdf } from 'svg2pdf.js'
import { pdfReadySvg } from './pdfReadySvg'

/** CSS pixels to PDF points. */
const PointsPerPixel = 0.75
/** White space around the content, in points. */
const Margin = 24
/** The largest page side most PDF readers open (200 inches); bigger boards are scaled down. */
const MaxPageSide = 14_400

export interface PdfDetails {
  /** The document's title in its metadata: the board's, or "board – frame". */
  title: string
  /** What the document holds, for its metadata ("Frame of the board …"). */
  subject: string
}

/**
 * A one-page vector PDF of an SVG the editor exported: the page fits the drawing with a margin,
 * shapes stay vectors and text stays text. Loaded on demand: nothing of it is in the board's
 * first bundle.
 */
export async function pdfFromSvg(
  exported: { svg: SVGSVGElement; width: number; height: number },
  details: PdfDetails,
): Promise<Blob> {
  const svg = await pdfReadySvg(exported.svg)
  const natural = { w: exported.width * PointsPerPixel, h: exported.height * PointsPerPixel }
  const scale = Math.min(1, (MaxPageSide - 2 * Margin) / Math.max(natural.w, natural.h))
  const width = natural.w * scale
  const height = natural.h * scale
  const page = [width + 2 * Margin, height + 2 * Margin]
  const pdf = new jsPDF({
    unit: 'pt',
    format: page,
    orientation: page[0]! > page[1]! ? 'landscape' : 'portrait',
    compress: true,
  })
  pdf.setProperties({
    title: details.title,
    subject: details.subject,
    creator: 'Discovery Board',
  })
  // Readers show the title (not the file name) in their window once told to.
  pdf.setDisplayMode('fullpage', 'continuous')
  pdf.viewerPreferences({ DisplayDocTitle: true })
  await svg2pdf(svg, pdf, {
    x: Margin,
    y: Margin,
    width,
    height,
    // Only the images made data URLs above: the PDF fetches nothing.
    loadImages: /^data:image\//,
  })
  return pdf.output('blob')
}
