/**
 * Text in an exported PDF is set in the PDF's standard fonts (Helvetica, Times, Courier), which
 * every reader has: the board's own fonts ship as WOFF2, which a PDF cannot embed. Words stay
 * where the board laid them out, so the page looks like the board; only the letterforms differ.
 */

/** The standard PDF font closest to a CSS font family list. */
export function pdfFontFamily(cssFamily: string): 'helvetica' | 'times' | 'courier' {
  const family = cssFamily.toLowerCase()
  if (/mono|courier|code/.test(family)) return 'courier'
  if (/serif/.test(family.replace(/sans-serif|sans/g, '')) || /times|georgia/.test(family)) {
    return 'times'
  }
  return 'helvetica'
}

/**
 * Characters the standard fonts can show (Windows-1252): ASCII, Latin-1 and the typographic
 * marks of the 0x80–0x9F block (curly quotes, dashes, ellipsis, euro, bullet…).
 */
const Cp1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

/** Common characters outside Windows-1252, written with ones inside it. */
const Replacements: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '–',
  '\u2212': '-',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2194': '<->',
  '\u21d2': '=>',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2713': 'v',
  '\u2714': 'v',
  '\u2717': 'x',
  '\u2718': 'x',
}

/** Whether every character of the text can be set in the standard PDF fonts. */
export function isPdfSafe(char: string): boolean {
  const code = char.codePointAt(0) ?? 0
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || Cp1252Extras.has(char)
}

/**
 * The text with what the standard fonts cannot show replaced: known symbols by their nearest
 * equivalent, accented letters by their base letter, anything else (emoji, other scripts) by a
 * question mark, so a reader sees that something was there.
 */
export function pdfSafeText(text: string): string {
  let safe = ''
  for (const char of text.normalize('NFC')) {
    if (isPdfSafe(char)) safe += char
    else if (Replacements[char] !== undefined) safe += Replacements[char]
    else if (/\p{M}/u.test(char) || /[\u200b-\u200d]/.test(char) || char === '\ufe0f') continue
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '')
      safe += base !== char && [...base].every(isPdfSafe) ? base : '?'
    }
  }
  return safe
}
