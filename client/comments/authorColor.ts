import { UserColors } from '../state/identity'

/** A colour for a comment's author, the same on every screen (their live colour may be unknown). */
export function authorColor(participantId: string): string {
  let hash = 0
  for (const char of participantId) hash = (hash * 31 + char.charCodeAt(0)) | 0
  return UserColors[Math.abs(hash) % UserColors.length]!
}
