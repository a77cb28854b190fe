import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react'
import { atom, type Atom } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { RoleAbilities, type Role } from '../../../shared/api/links'
import type { ItemAuthor } from '../../../shared/doc/canvasDoc'
import { votableItems } from '../../../shared/workshop/votableItems'
import type { Voting } from '../../../shared/workshop/voting'
import type { WorkshopState } from '../../../shared/workshop/workshopState'
import { useWorkshopState } from '../useWorkshop'
import type { WorkshopSync } from '../WorkshopSync'
import { VotingClient, type MyVotingState } from './VotingClient'

/**
 * What the board's views need of the workshop: who I am and may do, the workshop state, my
 * votes, which items the running vote covers, and how to stamp what I create.
 */
export interface WorkshopView {
  boardId: string
  doc: Y.Doc
  /** The board's awareness, for reactions and chat. */
  awareness: Awareness
  /** My participant id. */
  me: string
  role: Role
  state: WorkshopState | null
  voting: VotingClient
  /** Ids of the items the running vote covers (empty when none runs). */
  votableIds: ReadonlySet<string>
  /** Who adds an item now, and when on the server's clock. */
  author: () => ItemAuthor
  /** The item a click on a result pointed at, lit up for a moment. */
  highlight: Atom<string | null>
}

const WorkshopViewContext = createContext<WorkshopView | null>(null)

/** The workshop view around this component, or null outside a board. */
export const useWorkshopView = () => useContext(WorkshopViewContext)

/** Whether this person may cast votes (commenters and up, while a vote runs). */
export const canVote = (view: WorkshopView | null) =>
  !!view && RoleAbilities.comment(view.role) && view.state?.voting?.status === 'open'

/** My votes in the running vote, re-rendering on change. */
export function useMyVotes(view: WorkshopView | null): MyVotingState | null {
  const client = view?.voting
  return useSyncExternalStore(client?.subscribe ?? noSubscribe, client?.getState ?? noState)
}

const noSubscribe = () => () => undefined
const noState = () => null

interface ProviderProps {
  boardId: string
  doc: Y.Doc
  awareness: Awareness
  workshop: WorkshopSync | null
  me: string
  role: Role
  children: ReactNode
}

/** Provides the workshop view to the editor and the canvases inside it. */
export function WorkshopViewProvider({
  boardId,
  doc,
  awareness,
  workshop,
  me,
  role,
  children,
}: ProviderProps) {
  const state = useWorkshopState(workshop)
  const voting = useVotingClient(boardId, state?.voting ?? null)
  const votableIds = useVotableIds(doc, state?.voting ?? null)
  const [highlight] = useState(() => atom<string | null>('highlighted vote item', null))
  const value = useMemo<WorkshopView | null>(
    () =>
      voting && {
        boardId,
        doc,
        awareness,
        me,
        role,
        state,
        voting,
        votableIds,
        highlight,
        author: () => ({ by: me, at: workshop?.serverNow() ?? Date.now() }),
      },
    [boardId, doc, awareness, me, role, state, voting, votableIds, highlight, workshop],
  )
  return <WorkshopViewContext.Provider value={value}>{children}</WorkshopViewContext.Provider>
}

function useVotingClient(boardId: string, voting: Voting | null): VotingClient | null {
  const [client, setClient] = useState<VotingClient | null>(null)
  useEffect(() => {
    const created = new VotingClient(boardId)
    setClient(created)
    return () => created.dispose()
  }, [boardId])
  useEffect(() => client?.setVoting(voting), [client, voting])
  return client
}

const noIds: ReadonlySet<string> = new Set()

/** The items the running vote covers, kept up to date as the board changes. */
function useVotableIds(doc: Y.Doc, voting: Voting | null): ReadonlySet<string> {
  const [ids, setIds] = useState(noIds)
  const scope = voting?.status === 'open' ? JSON.stringify(voting.scope) : null
  useEffect(() => {
    if (!scope) {
      setIds(noIds)
      return
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    const read = () => {
      timer = undefined
      const next = new Set(votableItems(doc, JSON.parse(scope)).map((item) => item.id))
      setIds((current) =>
        current.size === next.size && [...next].every((id) => current.has(id)) ? current : next,
      )
    }
    // Reading every canvas on each keystroke would be wasteful: catch up once things settle.
    const onUpdate = () => {
      timer ??= setTimeout(read, 150)
    }
    read()
    doc.on('update', onUpdate)
    return () => {
      clearTimeout(timer)
      doc.off('update', onUpdate)
    }
  }, [doc, scope])
  return ids
}
