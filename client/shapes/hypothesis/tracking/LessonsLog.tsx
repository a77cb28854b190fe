import { useRef, useState } from 'react'
import type { CanvasMap } from '../../../../shared/doc/canvasDoc'
import { useUiStore } from '../../../state/uiStore'
import { stamp } from './dates'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { useWheelScroll } from '../../canvas/useWheelScroll'
import { fieldGuards } from './fieldGuards'
import { addLesson } from './trackingCommands'
import { useTracking } from './useTracking'
import './LessonsLog.css'

const lessonDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })

/**
 * The lessons-learned box as an append-only log: each lesson keeps its text, date and author,
 * newest last, and nothing written there is edited or removed.
 */
export function LessonsLog({ canvasId, canvas }: { canvasId: string; canvas: CanvasMap }) {
  const { doc } = useCanvasEnvironment()
  const name = useUiStore((s) => s.name)
  const { tracking } = useTracking(canvasId, canvas)
  const [text, setText] = useState('')
  const [refusal, setRefusal] = useState<string | null>(null)
  const listRef = useRef<HTMLOListElement>(null)
  useWheelScroll(listRef)

  const add = () => {
    const result = addLesson(doc, canvasId, { text, by: name, now: Date.now() })
    setRefusal(result.ok ? null : result.message)
    if (!result.ok) return
    setText('')
    // The newest lesson is at the end: keep it in view.
    requestAnimationFrame(() => listRef.current?.scrollTo({ top: listRef.current.scrollHeight }))
  }

  return (
    <section
      className={`canvas-box lessons-log${tracking.lessons.length > 0 ? ' has-items' : ''}`}
      data-testid="lessons-log"
      data-box-key="lessons"
      aria-label="Lessons learned"
    >
      <header className="canvas-box-header">
        <h3 className="canvas-box-title">Lessons learned</h3>
        <p className="canvas-box-prompt">Record our lessons learned.</p>
      </header>
      <ol className="canvas-box-items lessons-list" ref={listRef}>
        {tracking.lessons.map((lesson) => (
          <li key={lesson.id} className="lesson" data-testid="lesson">
            <p className="lesson-text">{lesson.text}</p>
            <p className="lesson-meta">
              {lesson.at ? (
                <>
                  {lesson.by || 'Someone'} ·{' '}
                  <time dateTime={lesson.at} title={stamp(lesson.at)}>
                    {lessonDate(lesson.at)}
                  </time>
                </>
              ) : (
                'Undated'
              )}
            </p>
          </li>
        ))}
      </ol>
      <div className="lesson-add">
        <textarea
          className="tracking-textarea lesson-input"
          rows={1}
          value={text}
          maxLength={4000}
          aria-label="New lesson"
          data-testid="lesson-input"
          placeholder="What did we learn?"
          onChange={(e) => setText(e.target.value)}
          onPointerDown={fieldGuards.onPointerDown}
          onKeyDown={(event) => {
            event.stopPropagation()
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault()
              add()
            }
          }}
        />
        <button
          type="button"
          className="tracking-button"
          data-testid="add-lesson"
          disabled={text.trim() === ''}
          onClick={add}
          {...fieldGuards}
        >
          Add
        </button>
      </div>
      {refusal && (
        <p className="tracking-refusal" role="alert">
          {refusal}
        </p>
      )}
    </section>
  )
}
