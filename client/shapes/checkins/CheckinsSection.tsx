import { useState, type FormEvent } from 'react'
import {
  LikelihoodLevels,
  likelihoodWords,
  type Checkin,
  type Likelihood,
  type Momentum,
} from '../../../shared/checkins/checkin'
import { readCheckinState, stakeholderUpdate } from '../../../shared/checkins/checkinSubject'
import { readCanvas, type CanvasMap } from '../../../shared/doc/canvasDoc'
import { downloadBlob } from '../../export/downloadBlob'
import { sanitizeFileName } from '../../export/exportFileName'
import { useUiStore } from '../../state/uiStore'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { useYRead } from '../canvas/useY'
import { fieldGuards } from '../hypothesis/tracking/fieldGuards'
import { OutcomeMessage } from '../hypothesis/tracking/OutcomeMessage'
import { ViewAction } from '../hypothesis/tracking/ViewAction'
import { recordCheckin, setCheckinCadence } from './checkinCommands'
import { dueWords } from './dueWords'
import './CheckinsSection.css'

type Message = { ok: boolean; text: string } | null

/** Where a hypothesis's or a project's check-ins stand, read again on every change of the canvas. */
export function useCheckins(canvasId: string, canvas: CanvasMap) {
  return useYRead(
    canvas,
    () => {
      const content = readCanvas(canvasId, canvas)
      const now = Date.now()
      const state = content ? readCheckinState(content, canvas, now) : null
      return state ? { ...state, now } : null
    },
    true,
  )
}

/** The due state in words, standing out when a check-in is due or overdue. */
export function CheckinDue({ canvasId, canvas }: { canvasId: string; canvas: CanvasMap }) {
  const state = useCheckins(canvasId, canvas)
  if (!state?.standing) return null
  return (
    <span
      className={`checkin-due is-${state.standing.state}`}
      data-testid="checkin-due"
      data-state={state.standing.state}
    >
      {dueWords(state.standing, state.now)}
    </span>
  )
}

/**
 * The check-ins of a hypothesis or a project: when the next is due, the form (what happened,
 * with what was listed automatically since the last one; likelihood; moving or stuck; next
 * experiments), the past check-ins, the cadence, and the stakeholder update to copy or download.
 */
export function CheckinsSection({ canvasId, canvas }: { canvasId: string; canvas: CanvasMap }) {
  const state = useCheckins(canvasId, canvas)
  if (!state) return null
  return (
    <section className="checkins" data-testid="checkins" aria-label="Check-ins">
      <h4 className="checkins-heading">Check-ins</h4>
      {state.standing && (
        <p className="checkins-line">
          <CheckinDue canvasId={canvasId} canvas={canvas} />
        </p>
      )}
      {state.refusal ? (
        <p className="checkins-muted">{state.refusal}.</p>
      ) : (
        <CheckinForm canvasId={canvasId} since={state.since} />
      )}
      <CadenceField canvasId={canvasId} days={state.cadenceDays} />
      <UpdateActions canvasId={canvasId} canvas={canvas} />
      <CheckinList checkins={state.checkins} />
    </section>
  )
}

function CheckinForm({ canvasId, since }: { canvasId: string; since: readonly string[] }) {
  const { doc } = useCanvasEnvironment()
  const name = useUiStore((s) => s.name)
  const [happened, setHappened] = useState('')
  const [level, setLevel] = useState<string>('medium')
  const [percent, setPercent] = useState('')
  const [momentum, setMomentum] = useState<Momentum>('moving')
  const [next, setNext] = useState('')
  const [message, setMessage] = useState<Message>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    let likelihood: Likelihood
    if (level === 'percent') {
      const n = Number(percent.trim())
      if (percent.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100) {
        setMessage({ ok: false, text: 'Give the likelihood as a whole percentage, 0 to 100' })
        return
      }
      likelihood = { percent: n }
    } else {
      likelihood = { level: level as (typeof LikelihoodLevels)[number] }
    }
    const result = recordCheckin(doc, canvasId, { happened, likelihood, momentum, next }, name)
    if (!result.ok) {
      setMessage({ ok: false, text: result.message })
      return
    }
    setHappened('')
    setNext('')
    setMessage({ ok: true, text: 'Check-in recorded' })
  }

  return (
    <form className="checkins-form" data-testid="checkin-form" onSubmit={submit}>
      <div className="checkins-since">
        <span>Since the last check-in</span>
        {since.length === 0 ? (
          <p className="checkins-muted">Nothing recorded automatically.</p>
        ) : (
          <ul data-testid="checkin-since">
            {since.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
      </div>
      <label className="checkins-field">
        <span>What happened</span>
        <textarea
          value={happened}
          rows={2}
          data-testid="checkin-happened"
          onChange={(e) => setHappened(e.target.value)}
          {...fieldGuards}
        />
      </label>
      <div className="checkins-row">
        <label className="checkins-field">
          <span>Likelihood of success</span>
          <select
            value={level}
            data-testid="checkin-likelihood"
            onChange={(e) => setLevel(e.target.value)}
            {...fieldGuards}
          >
            {LikelihoodLevels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
            <option value="percent">a percentage</option>
          </select>
        </label>
        {level === 'percent' && (
          <label className="checkins-field">
            <span>Percent</span>
            <input
              inputMode="numeric"
              value={percent}
              data-testid="checkin-percent"
              onChange={(e) => setPercent(e.target.value)}
              {...fieldGuards}
            />
          </label>
        )}
        <label className="checkins-field">
          <span>Momentum</span>
          <select
            value={momentum}
            data-testid="checkin-momentum"
            onChange={(e) => setMomentum(e.target.value as Momentum)}
            {...fieldGuards}
          >
            <option value="moving">moving forward</option>
            <option value="stuck">stuck</option>
          </select>
        </label>
      </div>
      <label className="checkins-field">
        <span>Next experiments</span>
        <textarea
          value={next}
          rows={2}
          data-testid="checkin-next"
          onChange={(e) => setNext(e.target.value)}
          {...fieldGuards}
        />
      </label>
      <button
        type="submit"
        className="tracking-button is-primary"
        data-testid="record-checkin"
        {...fieldGuards}
      >
        Record check-in
      </button>
      <OutcomeMessage message={message} testId="checkin-message" />
    </form>
  )
}

function CadenceField({ canvasId, days }: { canvasId: string; days: number }) {
  const { doc } = useCanvasEnvironment()
  const [text, setText] = useState(String(days))
  const [message, setMessage] = useState<Message>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const result = setCheckinCadence(doc, canvasId, Number(text.trim()))
    setMessage(
      result.ok
        ? { ok: true, text: `Every ${text.trim()} days` }
        : { ok: false, text: result.message },
    )
  }
  return (
    <form className="checkins-row" data-testid="checkin-cadence" onSubmit={submit}>
      <label className="checkins-field">
        <span>Check in every (days)</span>
        <input
          inputMode="numeric"
          value={text}
          data-testid="checkin-cadence-days"
          onChange={(e) => setText(e.target.value)}
          {...fieldGuards}
        />
      </label>
      <button type="submit" className="tracking-button" {...fieldGuards}>
        Set
      </button>
      <OutcomeMessage message={message} testId="checkin-cadence-message" />
    </form>
  )
}

/** Copies or downloads the stakeholder update: it changes nothing, so viewers have it too. */
function UpdateActions({ canvasId, canvas }: { canvasId: string; canvas: CanvasMap }) {
  const [message, setMessage] = useState<Message>(null)
  const markdown = () => {
    const content = readCanvas(canvasId, canvas)
    const text = content ? stakeholderUpdate(content, canvas, Date.now()) : null
    return { text: text ?? '', title: content?.title || 'Update' }
  }
  return (
    <div className="checkins-row checkins-update">
      <span>Stakeholder update</span>
      <ViewAction
        className="checkins-action"
        data-testid="update-copy"
        onAct={() => {
          navigator.clipboard.writeText(markdown().text).then(
            () => setMessage({ ok: true, text: 'Copied as markdown' }),
            () => setMessage({ ok: false, text: 'The browser did not allow copying' }),
          )
        }}
      >
        Copy
      </ViewAction>
      <ViewAction
        className="checkins-action"
        data-testid="update-download"
        onAct={() => {
          const { text, title } = markdown()
          const blob = new Blob([text], { type: 'text/markdown;charset=utf-8' })
          downloadBlob(blob, `${sanitizeFileName(title)} update.md`)
        }}
      >
        Download
      </ViewAction>
      <OutcomeMessage message={message} testId="update-message" />
    </div>
  )
}

function CheckinList({ checkins }: { checkins: readonly Checkin[] }) {
  if (checkins.length === 0) return <p className="checkins-muted">No check-in yet.</p>
  return (
    <ol className="checkins-list" data-testid="checkin-list" reversed>
      {[...checkins].reverse().map((c) => (
        <li key={c.id} className="checkins-item" data-testid="checkin-item">
          <strong>
            {c.at.slice(0, 10)}: {likelihoodWords(c.likelihood)}, {c.momentum}
          </strong>{' '}
          <span className="checkins-muted">{c.by || 'Someone'}</span>
          {c.happened && <p>{c.happened}</p>}
          {c.since.length > 0 && (
            <ul className="checkins-muted">
              {c.since.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
          {c.next && <p>Next: {c.next}</p>}
        </li>
      ))}
    </ol>
  )
}
