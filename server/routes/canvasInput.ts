import type { CreateCanvasBody, UpdateCanvasBody } from '../../shared/api/canvases.js'
import { getCanvasDefinition } from '../../shared/canvases/registry.js'
import { newId, type CanvasContent, type CanvasItem } from '../../shared/canvases/schema.js'
import { ApiError } from '../http/errors.js'

type Body = CreateCanvasBody | UpdateCanvasBody

/**
 * Turns an API body into canvas content on top of `base`. For a PATCH, `named` lists the
 * top-level keys the body named, and only those parts are returned, so nothing else changes.
 */
export function toCanvasContent(base: CanvasContent, body: Body, named: string[]): CanvasContent {
  const definition = getCanvasDefinition(base.kind)
  const isPatch = named.length > 0
  const out: CanvasContent = isPatch ? { ...base, fields: {}, boxes: {} } : structuredClone(base)
  if (isPatch) {
    delete out.metrics
    delete out.current
    delete out.future
  }
  if (body.title !== undefined) out.title = body.title

  const fieldValues: Record<string, string> = { ...body.fields }
  for (const key of ['belief', 'expectedResult', 'successSignal'] as const) {
    if (body[key] !== undefined) fieldValues[key] = body[key]!
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
    const known = new Map((base.boxes[key] ?? []).map((i) => [i.id, i.text]))
    out.boxes[key] = items.map((item): CanvasItem => {
      if (typeof item === 'string') return { id: newId(), text: item }
      const current = known.get(item.id)
      if (current === undefined) {
        throw new ApiError('invalid_body', `box "${key}" has no item "${item.id}"`)
      }
      return { id: item.id, text: item.text ?? current }
    })
  }

  if (body.metrics !== undefined) {
    if (base.kind !== 'hypothesis')
      throw new ApiError('invalid_body', 'only a hypothesis canvas has metrics')
    const keys = new Set<string>()
    // A metric sent without an id keeps the id of the metric with its key, so a PATCH that
    // restates the metrics edits them in place rather than replacing them.
    const idsByKey = new Map((base.metrics ?? []).map((m) => [m.key, m.id]))
    out.metrics = body.metrics.map((m) => {
      if (keys.has(m.key)) throw new ApiError('invalid_body', `metric key "${m.key}" is used twice`)
      keys.add(m.key)
      return { ...m, id: m.id ?? idsByKey.get(m.key) ?? newId() }
    })
  }
  for (const state of ['current', 'future'] as const) {
    const steps = body[state]
    if (steps === undefined) continue
    if (base.kind !== 'vsm') throw new ApiError('invalid_body', 'only a value-stream map has steps')
    out[state] = steps.map((s) => ({ ...s, id: s.id ?? newId() }))
  }
  return out
}
