import { z } from 'zod'
import { hypothesisSpec } from './hypothesis/spec.js'
import { leanSpec } from './lean/spec.js'
import { mlSpec } from './ml/spec.js'
import { projectSpec } from './project/spec.js'
import type { CanvasDefinition } from './canvasDefinition.js'
import type { CanvasKindSpec } from './types.js'
import { vsmSpec } from './vsm/spec.js'

/**
 * Every canvas kind, in the order the app offers them. Adding a kind means adding its folders
 * (shared/canvases/<kind>/, client/shapes/<kind>/) and one line here and in
 * client/shapes/canvasViews.ts.
 */
export const CanvasKindSpecs = [hypothesisSpec, mlSpec, leanSpec, vsmSpec, projectSpec] as const

type Spec = (typeof CanvasKindSpecs)[number]
export type CanvasKind = Spec['kind']

/** The kinds' names, in order (for the `kind` enum of the API and the shape's props). */
export const CanvasKinds = kindsOf(CanvasKindSpecs)

/** The typed content of any canvas, as the API, export and import see it. */
export const CanvasContentSchema = z.discriminatedUnion('kind', [
  hypothesisSpec.schema,
  mlSpec.schema,
  leanSpec.schema,
  vsmSpec.schema,
  projectSpec.schema,
])
/**
 * The content of a canvas of any kind. Each member also reads the other kinds' parts as
 * absent, so `content.metrics ?? []` needs no check of the kind.
 */
export type CanvasContent = Exclusive<z.infer<typeof CanvasContentSchema>>
type KeysOfUnion<U> = U extends unknown ? keyof U : never
type Exclusive<U, K extends PropertyKey = KeysOfUnion<U>> = U extends unknown
  ? U & { [P in Exclude<K, keyof U>]?: undefined }
  : never

type TrackingOf<S> = S extends { tracking: { empty(): infer T } } ? T : never
/** What any kind tracks beside its content. */
export type CanvasTracking = TrackingOf<Spec>

type FiguresOf<S> = S extends { figures(content: never): infer F } ? F : never
/** Figures the API adds to any kind's content. */
export type CanvasFigures = FiguresOf<Spec>

/** A spec as generic code holds it: members take any canvas content, of the spec's kind. */
export type AnyCanvasKindSpec = CanvasKindSpec<
  CanvasKind,
  CanvasContent,
  CanvasTracking,
  CanvasFigures
>

const specs = new Map<string, AnyCanvasKindSpec>(CanvasKindSpecs.map((s) => [s.kind, s]))

/** Whether a string names a kind. */
export const isCanvasKind = (kind: unknown): kind is CanvasKind =>
  typeof kind === 'string' && specs.has(kind)

/** The spec of a kind. */
export function getCanvasSpec(kind: CanvasKind): AnyCanvasKindSpec {
  const spec = specs.get(kind)
  if (!spec) throw new Error(`unknown canvas kind ${kind}`)
  return spec
}

/** Every canvas kind's definition by its key. */
export const canvasDefinitions = Object.fromEntries(
  CanvasKindSpecs.map((s) => [s.kind, s.definition]),
) as Record<CanvasKind, CanvasDefinition>

/** The definition of a kind. */
export const getCanvasDefinition = (kind: CanvasKind): CanvasDefinition =>
  getCanvasSpec(kind).definition

function kindsOf<S extends readonly { kind: string }[]>(list: S) {
  return list.map((s) => s.kind) as { -readonly [I in keyof S]: S[I]['kind'] }
}
