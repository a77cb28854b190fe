import { useRef, useState } from 'react'
import type { Board } from '../../shared/api/boards'
import { ApiError } from '../api/client'
import { AppHeader } from '../ui/AppHeader'
import { ErrorBanner } from '../ui/ErrorBanner'
import { useNow } from '../ui/useNow'
import { BoardCard } from './BoardCard'
import { CreateBoardForm } from './CreateBoardForm'
import { CreationTokenDialog } from './CreationTokenDialog'
import { DeleteBoardDialog } from './DeleteBoardDialog'
import { RecentlyDeleted } from './RecentlyDeleted'
import { useBoards } from './useBoards'
import './BoardListPage.css'

/** The home page: every board, plus create, rename, delete and restore. */
export function BoardListPage() {
  const boards = useBoards()
  const [error, setError] = useState<string | null>(null)
  const [pendingDelete, setPendingDelete] = useState<Board | null>(null)
  // A creation the server refused for want of its creation token, to retry once it is given.
  const [tokenAsk, setTokenAsk] = useState<{
    title: string
    refusal: 'required' | 'refused'
  } | null>(null)
  const createInput = useRef<HTMLInputElement>(null)
  // Counts boards created here: a new form each time clears the title, also after a retry.
  const [created, setCreated] = useState(0)
  const now = useNow()

  /** Runs an action, showing the server's message if it fails; resolves whether it worked. */
  const attempt = async (action: () => Promise<unknown>): Promise<boolean> => {
    try {
      await action()
      setError(null)
      return true
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Something went wrong.')
      return false
    }
  }

  /** Creates a board; a refusal for want of the creation token asks for it instead. */
  const create = async (title: string): Promise<boolean> => {
    try {
      await boards.create(title)
      setError(null)
      setTokenAsk(null)
      setCreated((n) => n + 1)
      return true
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'creation_token_required') {
        setTokenAsk({ title, refusal: 'required' })
      } else if (caught instanceof ApiError && caught.code === 'creation_token_refused') {
        setTokenAsk({ title, refusal: 'refused' })
      } else {
        setError(caught instanceof ApiError ? caught.message : 'Something went wrong.')
      }
      return false
    }
  }

  return (
    <div className="app-page">
      <AppHeader />
      <main className="list-main">
        <section className="list-intro">
          <div>
            <h1 className="page-title">Boards</h1>
            <p className="page-subtitle">Frame problems, test hypotheses and share outcomes.</p>
          </div>
          <CreateBoardForm key={created} inputRef={createInput} onCreate={create} />
        </section>

        {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
        {boards.status === 'error' && boards.loadError && (
          <ErrorBanner
            message={boards.loadError}
            action={{ label: 'Try again', onClick: () => void boards.refresh() }}
          />
        )}

        {boards.status === 'loading' ? (
          <BoardListSkeleton />
        ) : boards.boards.length === 0 ? (
          boards.status === 'ready' && <EmptyState onCreate={() => createInput.current?.focus()} />
        ) : (
          <ul className="board-grid" aria-label="Boards" data-testid="board-list">
            {boards.boards.map((board) => (
              <BoardCard
                key={board.id}
                board={board}
                now={now}
                onRename={(title) => attempt(() => boards.rename(board.id, title))}
                onDelete={() => setPendingDelete(board)}
              />
            ))}
          </ul>
        )}

        <RecentlyDeleted
          boards={boards.deleted}
          now={now}
          onRestore={async (board) => {
            await attempt(() => boards.restore(board.id))
          }}
        />
      </main>

      <CreationTokenDialog
        refusal={tokenAsk?.refusal ?? null}
        onRetry={() => create(tokenAsk?.title ?? '')}
        onClose={() => setTokenAsk(null)}
      />

      <DeleteBoardDialog
        board={pendingDelete}
        onClose={() => setPendingDelete(null)}
        onConfirm={async (board) => {
          if (await attempt(() => boards.remove(board.id))) setPendingDelete(null)
        }}
      />
    </div>
  )
}

function EmptyState({ onCreate }: { onCreate: () => void }) {
  return (
    <div className="empty-state" data-testid="board-list-empty">
      <div className="empty-illustration" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <h2>No boards yet — create one</h2>
      <p>A board is a shared canvas: sticky notes, shapes, arrows and images, live for everyone.</p>
      <button type="button" className="button button-primary" onClick={onCreate}>
        Create your first board
      </button>
    </div>
  )
}

function BoardListSkeleton() {
  return (
    <ul
      className="board-grid"
      aria-busy="true"
      aria-label="Loading boards"
      data-testid="board-list-loading"
    >
      {[0, 1, 2].map((i) => (
        <li key={i} className="card board-card board-card-skeleton" aria-hidden="true">
          <div className="board-card-preview" />
          <div className="board-card-body">
            <div className="skeleton-line" />
            <div className="skeleton-line skeleton-line-short" />
          </div>
        </li>
      ))}
    </ul>
  )
}
