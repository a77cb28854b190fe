/**
 * The plain text of tldraw's rich text (`props.richText` of notes, text, geo shapes and arrow
 * labels): a TipTap document of block nodes (paragraphs, headings, lists) holding inline ones
 * (text, hard breaks). Blocks go on lines of their own, as tldraw's own plain-text rendering
 * puts them. Read from records others wrote, so anything that is not a node counts as no text.
 */

/** How deep the text is read: tldraw's editor nests a few levels, a hostile record nests more. */
const MaxDepth = 32

interface RichTextNode {
  type?: unknown
  text?: unknown
  content?: unknown
}

const isNode = (value: unknown): value is RichTextNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isInline = (node: RichTextNode) => typeof node.text === 'string' || node.type === 'hardBreak'

function plain(node: unknown, depth: number): string {
  if (!isNode(node) || depth > MaxDepth) return ''
  if (typeof node.text === 'string') return node.text
  if (node.type === 'hardBreak') return '\n'
  if (!Array.isArray(node.content)) return ''
  const children = node.content.filter(isNode)
  // A block of inline nodes is one line; a block of blocks puts each on its own line.
  const separator = children.every(isInline) ? '' : '\n'
  return children.map((child) => plain(child, depth + 1)).join(separator)
}

/** The plain text of a tldraw rich-text document; '' for anything else. */
export const richTextToPlain = (richText: unknown): string => plain(richText, 0)
