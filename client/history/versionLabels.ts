import type { Version } from '../../shared/api/versions'

/** What a version is called in the list and the banner. */
export const versionTitle = (version: Version): string => version.name ?? 'Automatic version'

/** "Ann", "Ann and Bo", "Ann, Bo and Cy", "Ann, Bo and 3 others". */
export function peopleText(names: readonly string[], shown = 3): string {
  if (names.length <= 1) return names[0] ?? ''
  if (names.length <= shown) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
  const rest = names.length - (shown - 1)
  return `${names.slice(0, shown - 1).join(', ')} and ${rest} others`
}

/** What a restore changed, in words. */
export function restoredText(result: { canvases: number; records: number }): string {
  if (result.canvases === 0 && result.records === 0) {
    return 'Nothing changed: the board already matched that version.'
  }
  const parts = [
    result.canvases > 0 && plural(result.canvases, 'canvas', 'canvases'),
    result.records > 0 && plural(result.records, 'shape', 'shapes'),
  ].filter(Boolean)
  return `Restored ${parts.join(' and ')}.`
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
