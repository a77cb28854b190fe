import { useRef, useState, type ReactElement } from 'react'
import { importBoardMarkdown } from '../api/canvases'
import { ApiError } from '../api/client'
import { formatBytes, MaxImportBytes } from '../sync/changeLimits'

/** A markdown import in progress, and how to start one. */
export interface MarkdownImport {
  /** Opens the file picker. */
  pick: () => void
  busy: boolean
  /** The hidden file input: render it where it stays mounted (not inside a menu). */
  input: ReactElement
}

/**
 * Picks a markdown file and creates its canvases on the board. The server takes the file whole
 * or not at all; its refusal names the line, and the board is left unchanged. A file larger than
 * the server reads is refused here, before it is sent.
 */
export function useMarkdownImport(
  boardId: string,
  onError: (message: string | null) => void,
): MarkdownImport {
  const inputRef = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)

  const importFile = async (file: File) => {
    onError(null)
    if (file.size > MaxImportBytes) {
      onError(
        `Could not import “${file.name}”: it is ${formatBytes(file.size, { up: true })}, and ` +
          `a markdown import may be at most ${formatBytes(MaxImportBytes)}. Split it into ` +
          'smaller files. Nothing was changed.',
      )
      return
    }
    setBusy(true)
    try {
      await importBoardMarkdown(boardId, file)
    } catch (error) {
      const reason = error instanceof ApiError ? error.message : 'Something went wrong.'
      onError(`Could not import “${file.name}”: ${reason} Nothing was changed.`)
    } finally {
      setBusy(false)
    }
  }

  const input = (
    <input
      ref={inputRef}
      type="file"
      accept=".md,.markdown,text/markdown,text/plain"
      className="visually-hidden"
      tabIndex={-1}
      aria-hidden="true"
      data-testid="import-file"
      onChange={(event) => {
        const file = event.target.files?.[0]
        event.target.value = ''
        if (file) void importFile(file)
      }}
    />
  )
  return { pick: () => inputRef.current?.click(), busy, input }
}
