/** One box of a canvas: a stable key (CANVASES.md §6), its name and the method's prompt. */
export interface BoxDefinition {
  key: string
  label: string
  prompt: string
  /** CSS grid area the box occupies in the canvas layout. */
  area: string
  /** Its items may each link to a hypothesis metric (Lean key metrics, ML monitoring). */
  metricLinks?: boolean
}

/** A single-line text field of a canvas (a header field or a sentence slot). */
export interface FieldDefinition {
  key: string
  label: string
  prompt: string
}

/** Everything the app needs to know about one canvas kind, defined once. */
export interface CanvasDefinition<K extends string = string> {
  kind: K
  label: string
  description: string
  /** Credit to the method's authors, shown on the canvas and in every export. */
  attribution: string
  /** Boxes in the method's order (the order of export). */
  boxes: BoxDefinition[]
  fields: FieldDefinition[]
  /** CSS grid-template-areas rows and column count for the canvas body. */
  layout: { columns: number; areas: string[] }
  defaultSize: { w: number; h: number }
}
