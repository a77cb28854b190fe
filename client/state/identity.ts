/** Colours for people on a board: saturated enough for cursors, readable on white. */
export const UserColors = [
  '#e03131',
  '#d6336c',
  '#ae3ec9',
  '#7048e8',
  '#4263eb',
  '#1c7ed6',
  '#0c8599',
  '#099268',
  '#2f9e44',
  '#e8590c',
] as const

const Adjectives = ['Curious', 'Bold', 'Calm', 'Bright', 'Swift', 'Keen', 'Witty', 'Sunny']
const Animals = ['Otter', 'Falcon', 'Lynx', 'Heron', 'Badger', 'Panda', 'Fox', 'Koala']

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

/**
 * The secret that makes this browser one person on every board: votes count once per person
 * and facilitation is handed to a person. Others only see its hash (participantIdOf).
 */
export function randomParticipantSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

/** A friendly placeholder name until the person sets their own. */
export function randomGuestName(): string {
  return `${pick(Adjectives)} ${pick(Animals)}`
}

/** A colour from the palette. */
export function randomUserColor(): string {
  return pick(UserColors)
}

/** Up to two initials for an avatar. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0]]
  return letters
    .map((word) => (word ? [...word][0] : ''))
    .join('')
    .toUpperCase()
}

/** Black or white, whichever reads better on a #rrggbb background. */
export function readableTextColor(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16)
  if (Number.isNaN(value)) return '#ffffff'
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255]
  // Perceived brightness (ITU-R BT.601 weights).
  return r * 0.299 + g * 0.587 + b * 0.114 > 170 ? '#1a1a1a' : '#ffffff'
}
