import { partKey, usePartChange, useRemovedParts } from './diffMarks'
import './diff.css'

/**
 * The attributes a canvas view puts on a part so a comparison can mark it (`data-diff`) and the
 * panel find it (`data-diff-id`).
 */
export function useDiffAttributes(
  canvasId: string,
  part: { item: string } | { entry: string } | { field: string } | { value: string } | 'title',
) {
  const [key, id] =
    part === 'title'
      ? [partKey.title(), 'title']
      : 'item' in part
        ? [partKey.item(part.item), part.item]
        : 'entry' in part
          ? [partKey.entry(part.entry), part.entry]
          : 'field' in part
            ? [partKey.field(part.field), partKey.field(part.field)]
            : [partKey.value(part.value), partKey.value(part.value)]
  const change = usePartChange(canvasId, key)
  return { 'data-diff': change, 'data-diff-id': id }
}

/** Items of a box, or entries of a list, removed since the earlier state: faded, struck through. */
export function RemovedParts({ canvasId, where }: { canvasId: string; where: string }) {
  const removed = useRemovedParts(canvasId, where)
  return removed.map((part) => (
    <li
      key={part.id}
      className="diff-removed-part"
      data-testid="diff-removed-part"
      data-diff="removed"
      data-diff-id={part.id}
      aria-label={`Removed: ${part.text}`}
    >
      {part.text || '(empty)'}
    </li>
  ))
}
