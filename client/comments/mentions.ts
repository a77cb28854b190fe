/** Someone a comment can mention: a participant id and the name shown after `@`. */
export interface Mentionable {
  id: string
  name: string
}

/** The `@word` being typed just before the caret: where it starts and what follows the `@`. */
export function mentionQueryAt(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret)
  const match = /(^|\s)@([^\s@]{0,30})$/.exec(before)
  if (!match) return null
  const query = match[2] ?? ''
  return { start: caret - query.length - 1, query }
}

/** People whose name starts (or has a word starting) with `query`, at most `limit`. */
export function matchingPeople(people: readonly Mentionable[], query: string, limit = 6) {
  const q = query.toLocaleLowerCase()
  return people
    .filter((p) =>
      p.name
        .toLocaleLowerCase()
        .split(/\s+/)
        .some((word) => word.startsWith(q)),
    )
    .slice(0, limit)
}

/** The text with the `@query` at `start` replaced by `@Name `, and the caret after it. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  person: Mentionable,
): { text: string; caret: number } {
  const rest = text.slice(caret)
  const inserted = /^\s/.test(rest) ? `@${person.name}` : `@${person.name} `
  return {
    text: text.slice(0, start) + inserted + text.slice(caret),
    caret: start + inserted.length,
  }
}

/** The ids of the chosen people whose `@Name` is still in the text, each once. */
export function mentionsIn(text: string, chosen: readonly Mentionable[]): string[] {
  const ids = new Set<string>()
  for (const person of chosen) if (text.includes(`@${person.name}`)) ids.add(person.id)
  return [...ids]
}

/** The people a board's comments can mention: those present and those who wrote, each once. */
export function mentionablePeople(
  present: readonly Mentionable[],
  authors: readonly Mentionable[],
  me: string,
): Mentionable[] {
  const byId = new Map<string, Mentionable>()
  for (const person of [...present, ...authors]) {
    if (person.id !== me && !byId.has(person.id)) byId.set(person.id, person)
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name))
}
