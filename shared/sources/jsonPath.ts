import { z } from 'zod'

/**
 * The small JSON path subset a JSON source reads its value and time with:
 * `$` is the whole answer, `.name` a member (letters, digits, `_`, `-`, `$`), `["any name"]` a
 * member with other characters, `[n]` the n-th element of an array from 0, and `[-1]` the last
 * (`[-2]` the one before). Example: `$.metrics[-1].value`.
 */
export type JsonPathStep = string | number

const Member = /^\.([A-Za-z0-9_$-]+)/
const Quoted = /^\[(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\]/
const Index = /^\[(-?\d{1,9})\]/

/** The steps of a path, or a message saying where it is not one. */
export function parseJsonPath(path: string): JsonPathStep[] | string {
  if (!path.startsWith('$')) return 'a path starts with $'
  const steps: JsonPathStep[] = []
  let rest = path.slice(1)
  while (rest.length > 0) {
    const member = Member.exec(rest)
    const quoted = member ? null : Quoted.exec(rest)
    const index = member || quoted ? null : Index.exec(rest)
    const match = member ?? quoted ?? index
    if (!match) return `cannot read the path at "${rest.slice(0, 20)}"`
    if (member) steps.push(member[1]!)
    else if (quoted) steps.push((quoted[1] ?? quoted[2]!).replace(/\\(.)/g, '$1'))
    else steps.push(Number(index![1]))
    rest = rest.slice(match[0].length)
  }
  return steps
}

/** A path as a request body gives it: checked to be one. */
export const JsonPathSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200)
  .superRefine((path, ctx) => {
    const parsed = parseJsonPath(path)
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed })
  })

/** What a path points at in `json`: `{ found: false, at }` names the first step that is missing. */
export function readJsonPath(
  json: unknown,
  path: string,
): { found: true; value: unknown } | { found: false; message: string } {
  const steps = parseJsonPath(path)
  if (typeof steps === 'string') return { found: false, message: `${path}: ${steps}` }
  let here: unknown = json
  let walked = '$'
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(here)) return { found: false, message: `${walked} is not a list` }
      const i = step < 0 ? here.length + step : step
      if (i < 0 || i >= here.length) {
        return {
          found: false,
          message: `${walked} has no element [${step}] (it has ${here.length})`,
        }
      }
      here = here[i]
      walked += `[${step}]`
    } else {
      if (here === null || typeof here !== 'object' || Array.isArray(here)) {
        return { found: false, message: `${walked} is not an object` }
      }
      if (!Object.prototype.hasOwnProperty.call(here, step)) {
        return { found: false, message: `${walked} has no "${step}"` }
      }
      here = (here as Record<string, unknown>)[step]
      walked += /^[A-Za-z0-9_$-]+$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`
    }
  }
  return { found: true, value: here }
}

/** Epoch numbers below this are seconds (1e12 ms is 2001; 1e12 s is far in the future). */
const SecondsBelow = 1e12

/**
 * A value read as a number: a JSON number, or a string holding one (Prometheus and many APIs
 * send numbers as strings). Null when it is not a finite number.
 */
export function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : null
  }
  return null
}

/**
 * A time as epoch ms: epoch milliseconds, epoch seconds (a number below 1e12, fractions kept)
 * or an ISO 8601 string. Null when it is none of these.
 */
export function readTime(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*-?[\d.]+\s*$/.test(value) ? readNumber(value) : null
  const number = typeof value === 'number' ? readNumber(value) : n
  if (number !== null) {
    if (number <= 0) return null
    return Math.round(number < SecondsBelow ? number * 1000 : number)
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const t = Date.parse(value)
    return Number.isFinite(t) ? t : null
  }
  return null
}
