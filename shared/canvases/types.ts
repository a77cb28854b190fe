import type { z } from 'zod'
import type { CanvasMap } from '../doc/canvasMap.js'
import type { BaseContent } from './baseContent.js'
import type { CanvasBodyParts } from './canvasBody.js'
import type { CanvasDefinition } from './canvasDefinition.js'

// Kept here too, since every kind's spec names them; a kind's definition imports its module.
export type { BoxDefinition, CanvasDefinition, FieldDefinition } from './canvasDefinition.js'

/** Gives each entry of a list a new id (and remembers the renaming). */
export type FreshIds = <E extends { id: string }>(list: readonly E[] | undefined) => E[] | undefined

/**
 * The parts a kind keeps beside its title, fields and boxes (metrics, steps, …), in the Y.Doc.
 * Every member takes and returns only those parts.
 */
export interface KindDocParts<C> {
  /** The parts of a new, empty canvas. */
  empty(): Partial<C>
  /** Reads the parts from a canvas map; the whole content is validated afterwards. */
  read(canvas: CanvasMap): Partial<C>
  /** Writes the parts `content` has, leaving the others as they are. */
  write(canvas: CanvasMap, content: Partial<C>): void
  /** The parts with fresh ids, for a copy or an import onto a board that has the old ones. */
  renewIds(content: C, fresh: FreshIds): Partial<C>
}

/** What a kind records beside its content (a hypothesis's status, measurements, decision …). */
export interface KindTracking<T> {
  schema: z.ZodType<T>
  empty(): T
  read(canvas: CanvasMap): T
  write(canvas: CanvasMap, tracking: T): void
  /** The tracking after the content's ids were renamed (old id → new id). */
  renewIds(tracking: T, renamed: ReadonlyMap<string, string>): T
  /** Dates and attributes what a canvas created through the API starts with. */
  created?(canvas: CanvasMap, stamp: { at: string; by: string }): void
  /**
   * The tracking an import may write as of `now`, and notes on what it restored as history;
   * throws ContentInputError for what cannot be true (a measurement dated in the future).
   */
  imported?(
    content: BaseContent,
    tracking: T,
    now: number,
    newId: () => string,
  ): { tracking: T; notes: string[] }
}

/** Where the importer is: the line's 0-based index, and failing or parsing at that line. */
export interface ImportLine {
  index: number
  fail(index: number, message: string): never
  parse<V>(index: number, schema: z.ZodType<V>, value: unknown, what: string): V
}

/** How a marked section of a kind's markdown is read back, line by line. */
export interface SectionReader<C, T> {
  /** A line that is not a table row; the section ends after it (the hypothesis sentence). */
  line?(line: string, canvas: C, tracking: T, at: ImportLine): void
  /** A table row other than the header and separator; without it rows are computed and skipped. */
  row?(cells: string[], canvas: C, tracking: T, at: ImportLine): void
}

/** A section marker (`<!-- metrics -->`) of a kind's markdown. */
export interface MarkdownSection<C, T> {
  /** What it holds, in the refusal on another kind: "only a hypothesis canvas has metrics". */
  what: string
  /** Another kind carrying this marker is not refused: the section is skipped there. */
  skippedElsewhere?: boolean
  /** Starts the section at its marker (attributes as written). */
  open(attrs: Record<string, string>, at: ImportLine): SectionReader<C, T>
}

/** A kind's sections in the markdown export and import (docs/markdown-format.md). */
export interface KindMarkdown<C, T> {
  /** The kind as refusals name it: "a value-stream map". */
  owner: string
  /**
   * The canvas's lines after its heading, marker and attribution, each section ending in one
   * blank line. Without it a canvas exports its fields table and its boxes.
   */
  export(content: C, tracking: T | undefined, now: number): string[]
  sections: Readonly<Record<string, MarkdownSection<C, T>>>
  /** Lines that are presentation only, skipped on import. */
  skipLine?: RegExp
}

/** A body the API refuses, with the message to answer (400 invalid_body). */
export class ContentInputError extends Error {}

/** The content members of a canvas body of the API, to create or to change a canvas. */
export type CanvasBody = CanvasBodyParts

/** How a kind reads the members of an API body that only it takes (metrics, steps, …). */
export interface KindInput<C> {
  /** Those members, each with what another kind answers: "only a hypothesis canvas has metrics". */
  members: Readonly<Record<string, string>>
  /** Members that set this kind's fields (the hypothesis sentence); another kind has no such field. */
  fieldMembers?: readonly string[]
  /** The parts the body's members give, on top of `base`; throws ContentInputError. */
  read(body: CanvasBody, base: C): Partial<C>
}

/**
 * One canvas kind, as every layer of shared/ and server/ sees it: generic code asks the spec
 * and never names a kind. `C` is the kind's content, `T` what it tracks besides, `F` the figures
 * the API adds.
 */
export interface CanvasKindSpec<
  K extends string,
  C extends BaseContent & { kind: K },
  T = never,
  F = unknown,
> {
  readonly kind: K
  readonly definition: CanvasDefinition<K>
  /** The kind's member of the content schema (a discriminated union on `kind`). */
  readonly schema: z.ZodType<C>
  /** Parts beyond title, fields and boxes; none when absent. */
  readonly parts?: KindDocParts<C>
  /** Brings a canvas map written before `CanvasVersion` up to date, in place. */
  migrate?(canvas: CanvasMap, version: number): void
  readonly tracking?: KindTracking<T>
  readonly markdown?: KindMarkdown<C, T>
  readonly input?: KindInput<C>
  /** Figures computed from the content that the API adds to it. */
  figures?(content: C): F
}
