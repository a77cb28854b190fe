import { useEffect, useRef } from 'react'
import * as Y from 'yjs'
import {
  AssumptionStates,
  type AssumptionState,
} from '../../../../shared/canvases/hypothesis/assumption'
import type { CanvasMap } from '../../../../shared/doc/canvasDoc'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { useYRead, useYVersion } from '../../canvas/useY'
import { YTextInput } from '../../canvas/YTextInput'
import { stopEventPropagation } from 'tldraw'
import {
  addAssumption,
  deleteAssumption,
  markAssumption,
  rankAssumption,
} from './assumptionCommands'
import './AssumptionsTab.css'

const stateLabels: Record<AssumptionState, string> = {
  untested: 'Untested',
  holding: 'Holding',
  broken: 'Broken',
}

const stateOf = (map: Y.Map<unknown>): AssumptionState =>
  AssumptionStates.find((s) => s === map.get('state')) ?? 'untested'

/**
 * What the hypothesis takes for granted, riskiest first: each assumption's text (typed
 * together, like any field), whether it is untested, holding or broken, and its rank.
 */
export function AssumptionsTab({ canvasId, canvas }: { canvasId: string; canvas: CanvasMap }) {
  const { doc, focus } = useCanvasEnvironment()
  useYVersion(canvas)
  const value = canvas.get('assumptions')
  const array = value instanceof Y.Array ? value : undefined
  const items = useYRead(array, () =>
    (array?.toArray() ?? []).filter(
      (m): m is Y.Map<unknown> => m instanceof Y.Map && typeof m.get('id') === 'string',
    ),
  )

  return (
    <div className="assumptions" data-testid="assumptions">
      <p className="tracking-note">
        What must be true for this hypothesis to hold, riskiest first. Mark each as the evidence
        comes in.
      </p>
      {items.length === 0 && <p className="tracking-muted">No assumptions yet.</p>}
      <ol className="assumption-list">
        {items.map((map, i) => (
          <AssumptionRow
            key={map.get('id') as string}
            map={map}
            rank={i + 1}
            last={i === items.length - 1}
            onMark={(state) => markAssumption(doc, canvasId, map.get('id') as string, state)}
            onRank={(by) => rankAssumption(doc, canvasId, map.get('id') as string, by)}
            onDelete={() => deleteAssumption(doc, canvasId, map.get('id') as string)}
          />
        ))}
      </ol>
      <button
        type="button"
        className="canvas-box-add"
        data-testid="add-assumption"
        onPointerDown={stopEventPropagation}
        onClick={() => {
          const id = addAssumption(doc, canvasId)
          if (id) focus.request(id)
        }}
      >
        <span aria-hidden="true">+</span> Add assumption
      </button>
    </div>
  )
}

function AssumptionRow({
  map,
  rank,
  last,
  onMark,
  onRank,
  onDelete,
}: {
  map: Y.Map<unknown>
  rank: number
  last: boolean
  onMark: (state: AssumptionState) => void
  onRank: (by: -1 | 1) => void
  onDelete: () => void
}) {
  const { focus } = useCanvasEnvironment()
  const id = map.get('id') as string
  const state = useYRead(map, () => stateOf(map))
  const text = map.get('text')
  const fieldRef = useRef<HTMLTextAreaElement | null>(null)
  useEffect(() => focus.fulfil(id, fieldRef.current), [focus, id])
  return (
    <li className={`assumption assumption-${state}`} data-testid="assumption" data-state={state}>
      <span className="assumption-rank" aria-label={`Risk rank ${rank}`}>
        {rank}
      </span>
      {text instanceof Y.Text && (
        <YTextInput
          className="assumption-text"
          text={text}
          aria-label={`Assumption ${rank}`}
          placeholder="We assume that…"
          maxLength={2000}
          fieldRef={(el) => (fieldRef.current = el)}
        />
      )}
      <select
        className="assumption-state"
        aria-label={`State of assumption ${rank}`}
        value={state}
        onPointerDown={stopEventPropagation}
        onKeyDown={(e) => e.stopPropagation()}
        onChange={(e) => onMark(e.target.value as AssumptionState)}
      >
        {AssumptionStates.map((s) => (
          <option key={s} value={s}>
            {stateLabels[s]}
          </option>
        ))}
      </select>
      <span className="assumption-actions">
        <button
          type="button"
          className="icon-button"
          onPointerDown={stopEventPropagation}
          aria-label="Riskier"
          title="Riskier"
          disabled={rank === 1}
          onClick={() => onRank(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          onPointerDown={stopEventPropagation}
          aria-label="Less risky"
          title="Less risky"
          disabled={last}
          onClick={() => onRank(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-button"
          onPointerDown={stopEventPropagation}
          aria-label="Delete assumption"
          title="Delete"
          onClick={onDelete}
        >
          ×
        </button>
      </span>
    </li>
  )
}
