import { useState, type KeyboardEvent } from 'react'
import { useValue, type Editor } from 'tldraw'
import type { TimerAction } from '../../shared/workshop/timer'
import type { Scope, StartVotingBody } from '../../shared/workshop/voting'
import type { WorkshopAction, WorkshopState } from '../../shared/workshop/workshopState'
import { workshopAction } from '../api/workshop'
import { Icons } from './icons'
import { TimerControls } from './TimerControls'
import { ToolButton } from './ToolButton'
import { VoteDialog } from './VoteDialog'
import { hasScope, scopeLabel, scopeOfSelection } from '../../shared/workshop/scopes'
import type { WorkshopSync } from './WorkshopSync'

interface FacilitatorToolbarProps {
  boardId: string
  editor: Editor
  workshop: WorkshopSync
  state: WorkshopState
  selfId: string
}

/**
 * What a facilitator steers the room with: summon and follow-me, the timer, locks, private
 * mode and dot votes. The server decides; a refused action shows its message here.
 */
export function FacilitatorToolbar({
  boardId,
  editor,
  workshop,
  state,
  selfId,
}: FacilitatorToolbarProps) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [voteOpen, setVoteOpen] = useState(false)
  const selected = useValue('selected scope', () => scopeOfSelection(editor.getSelectedShapes()), [
    editor,
  ])

  const run = async (...actions: WorkshopAction[]) => {
    setBusy(true)
    setError(null)
    try {
      for (const action of actions) await workshopAction(boardId, action)
      return true
    } catch (e) {
      setError(e instanceof Error ? e.message : 'That did not work. Try again.')
      return false
    } finally {
      setBusy(false)
    }
  }
  const timer = (...actions: TimerAction[]) =>
    void run(...actions.map((t): WorkshopAction => ({ type: 'timer', timer: t })))

  const following = state.follow?.leaderId === selfId
  const locked = hasScope(state.locks, selected)
  const privateScope: Scope = selected ?? { kind: 'board' }
  const isPrivate = hasScope(
    state.privateScopes.map((p) => p.scope),
    privateScope,
  )
  const voting = state.voting?.status === 'open' ? state.voting : null

  return (
    <div className="fac-toolbar-wrap">
      <div
        className="card fac-toolbar"
        role="toolbar"
        aria-label="Facilitator tools"
        data-testid="facilitator-toolbar"
        aria-busy={busy}
        onKeyDown={moveFocus}
      >
        <span className="fac-toolbar-title" aria-hidden="true">
          Facilitate
        </span>
        <ToolButton
          label="Summon everyone"
          tooltip="Bring everyone to your view"
          icon={Icons.summon}
          testId="fac-summon"
          onClick={() => void run({ type: 'summon' })}
        />
        <ToolButton
          label={following ? 'Stop follow me' : 'Follow me'}
          tooltip={
            following ? 'Stop: everyone moves freely again' : 'Everyone’s view follows yours'
          }
          icon={Icons.follow}
          pressed={following}
          testId="fac-follow"
          onClick={() => void run({ type: 'follow', on: !following })}
        />
        <span className="fac-divider" aria-hidden="true" />
        <TimerControls workshop={workshop} timer={state.timer} onTimer={timer} />
        <span className="fac-divider" aria-hidden="true" />
        <ToolButton
          label={locked ? 'Unlock' : 'Lock'}
          tooltip={
            selected
              ? `${locked ? 'Unlock' : 'Lock'} ${scopeLabel(selected)} ${locked ? 'for edits' : 'against edits'}`
              : 'Select a canvas or frame to lock it'
          }
          icon={locked ? Icons.lock : Icons.unlock}
          pressed={locked}
          disabled={!selected}
          testId="fac-lock"
          onClick={() => selected && void run({ type: 'lock', scope: selected, locked: !locked })}
        />
        <ToolButton
          label={isPrivate ? 'End private mode' : 'Private mode'}
          tooltip={`${isPrivate ? 'End private mode: reveal everything in' : 'Private mode: each person sees only their own new items in'} ${scopeLabel(privateScope)}`}
          icon={Icons.private}
          pressed={isPrivate}
          testId="fac-private"
          onClick={() => void run({ type: 'private', scope: privateScope, on: !isPrivate })}
        />
        <span className="fac-divider" aria-hidden="true" />
        {voting ? (
          <ToolButton
            label="End vote"
            tooltip="End the vote and show everyone the results"
            icon={Icons.stop}
            text="End vote"
            testId="fac-end-vote"
            onClick={() => void run({ type: 'endVoting' })}
          />
        ) : (
          <ToolButton
            label="Start a dot vote"
            icon={Icons.vote}
            text="Vote"
            testId="fac-vote"
            onClick={() => setVoteOpen(true)}
          />
        )}
      </div>
      {error && (
        <div className="fac-error" role="alert" data-testid="facilitator-error">
          <span>{error}</span>
          <button type="button" aria-label="Dismiss" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      <VoteDialog
        open={voteOpen}
        selected={selected}
        onClose={() => setVoteOpen(false)}
        onStart={(voting: StartVotingBody) => {
          setVoteOpen(false)
          void run({ type: 'startVoting', voting })
        }}
      />
    </div>
  )
}

/** Arrow keys move between the toolbar's controls, as in any toolbar. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
  if (event.target instanceof HTMLInputElement) return
  const controls = [
    ...event.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), input'),
  ]
  const at = controls.indexOf(event.target as HTMLElement)
  if (at < 0) return
  const next =
    controls[(at + (event.key === 'ArrowRight' ? 1 : -1) + controls.length) % controls.length]
  next?.focus()
  // Arrow keys here move focus, not the shapes selected on the board.
  event.preventDefault()
  event.stopPropagation()
}
