import type { CreateCanvasBody, UpdateCanvasBody } from '../../shared/api/canvases.js'
import { CanvasKinds, getCanvasSpec } from '../../shared/canvases/registry.js'
import { newId, type CanvasContent, type CanvasItem } from '../../shared/canvases/schema.js'
import { ContentInputError } from '../../shared/canvases/types.js'
import { ApiError } from '../http/errors.js'

/** Body members that set a field of some kind (the hypothesis sentence), by name. */
const specs = CanvasKinds.map(getCanvasSpec)
const fieldMembers = specs.flatMap((s) => s.input?.fieldMembers ?? [])

/**
 * Turns an API body into canvas content on top of `base`. For a PATCH, `named` lists the
 * top-level keys the body named, and only those parts are returned, so nothing else changes.
 */
export function toCanvasContent(
  base: CanvasContent,
  body: CreateCanvasBody | UpdateCanvasBody,
  named: string[],
): CanvasContent {
  const spec = getCanvasSpec(base.kind)
  const definition = spec.definition
  const isPatch = named.length > 0
  const out: CanvasContent = isPatch ? { ...base, fields: {}, boxes: {} } : structuredClone(base)
  if (isPatch) {
    // A patch names what it changes: the kind's parts are absent unless the body has them.
    const parts: Record<string, unknown> = out
    for (const key of Object.keys(spec.parts?.empty() ?? {})) delete parts[key]
  }
  if (body.title !== undefined) out.title = body.title

  const fieldValues: Record<string, string> = { ...body.fields }
  const members: Record<string, unknown> = body
  for (const key of fieldMembers) {
    const value = members[key]
    if (typeof value === 'string') fieldValues[key] = value
  }
  for (const [key, value] of Object.entries(fieldValues)) {
    if (!definition.fields.some((f) => f.key === key)) {
      throw new ApiError('invalid_body', `a ${base.kind} canvas has no field "${key}"`)
    }
    out.fields[key] = value
  }

  for (const [key, items] of Object.entries(body.boxes ?? {})) {
    if (!definition.boxes.some((b) => b.key === key)) {
      throw new ApiError('invalid_body', `a ${base.kind} canvas has no box "${key}"`)
    }
    const linkable = definition.boxes.find((b) => b.key === key)?.metricLinks === true
    const known = new Map((base.boxes[key] ?? []).map((i) => [i.id, i]))
    out.boxes[key] = items.map((item): CanvasItem => {
      if (typeof item === 'string') return { id: newId(), text: item }
      const current = known.get(item.id)
      if (current === undefined) {
        throw new ApiError('invalid_body', `box "${key}" has no item "${item.id}"`)
      }
      if (item.metric && !linkable) {
        throw new ApiError(
          'invalid_body',
          `box "${key}" of a ${base.kind} canvas takes no metric links`,
        )
      }
      const metric = item.metric === undefined ? current.metric : (item.metric ?? undefined)
      return { id: item.id, text: item.text ?? current.text, ...(metric && { metric }) }
    })
  }

  // In the kinds' order: the members of this kind are read, another kind's are refused.
  for (const other of specs) {
    const input = other.input
    if (!input) continue
    if (other.kind === base.kind) {
      try {
        Object.assign(out, input.read(body, base))
      } catch (error) {
        if (error instanceof ContentInputError) throw new ApiError('invalid_body', error.message)
        throw error
      }
      continue
    }
    for (const [member, refusal] of Object.entries(input.members)) {
      if (members[member] !== undefined) throw new ApiError('invalid_body', refusal)
    }
  }
  return out
}
