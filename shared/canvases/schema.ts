/**
 * The canvas contract in one import: what every canvas has (baseContent.ts), and the union of
 * the kinds' content schemas (registry.ts). Kind-specific schemas live in their kind's folder.
 */
export * from './baseContent.js'
export {
  CanvasContentSchema,
  CanvasKinds,
  type CanvasContent,
  type CanvasKind,
} from './registry.js'
