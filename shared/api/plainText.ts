import { z } from 'zod'

/**
 * Control characters (C0 and C1, tabs and line breaks included) and the invisible direction
 * overrides and isolates that can make a title read differently from what it holds
 * (U+202A–U+202E, U+2066–U+2069). Names and titles are one line of visible text.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const Unwanted = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

const EveryUnwanted = new RegExp(Unwanted.source, 'g')

/** `text` without the characters a title or name may not hold (line breaks become spaces). */
export const withoutUnwantedCharacters = (text: string) =>
  text.replace(/[\r\n\t]+/g, ' ').replace(EveryUnwanted, '')

/** Whether `text` holds a character a title or name may not hold. */
export const hasUnwantedCharacters = (text: string) => Unwanted.test(text)

/** A one-line title or name: trimmed, 1 to `max` characters, no control or override characters. */
export const plainLine = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .refine(
      (text) => !hasUnwantedCharacters(text),
      `${what} must be one line without control or text-direction characters`,
    )
