/** What an export is named after when the board's title is unknown (offline, still loading). */
export const UntitledBoard = 'Board'

/** The longest file name base we suggest; file systems allow 255 bytes, extensions included. */
const MaxLength = 120

/**
 * A title made safe for a file name on every common system: no path separators, reserved or
 * control characters, no leading dots, no trailing dots or spaces, one space between words.
 */
export function sanitizeFileName(title: string): string {
  const cleaned = title
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
  return [...cleaned].slice(0, MaxLength).join('').trim()
}

/**
 * The name of an export without its extension: the board's title, and after a dash what part
 * of the board it holds (a frame's or a canvas's title), as "Churn model – Interviews".
 */
export function exportBaseName(boardTitle: string | null, part?: string | null): string {
  const board = sanitizeFileName(boardTitle ?? '') || UntitledBoard
  const partName = part ? sanitizeFileName(part) : ''
  return partName && partName !== board ? `${board} – ${partName}` : board
}

/** The full file name of an export: its base name and extension ("Churn model.pdf"). */
export function exportFileName(
  boardTitle: string | null,
  extension: 'pdf' | 'md' | 'png' | 'svg',
  part?: string | null,
): string {
  return `${exportBaseName(boardTitle, part)}.${extension}`
}
