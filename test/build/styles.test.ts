import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const clientDir = join(root, 'client')
/** The one stylesheet allowed to hold raw colours and sizes. */
const tokensFile = join(clientDir, 'ui', 'tokens.css')

const filesUnder = (dir: string, ends: RegExp): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return filesUnder(path, ends)
    return ends.test(entry.name) ? [path] : []
  })

const stylesheets = filesUnder(clientDir, /\.css$/)

interface Declaration {
  property: string
  value: string
}

/** The declarations of a stylesheet: the bodies of its innermost blocks, comments removed. */
function declarationsOf(css: string): Declaration[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '')
  return [...text.matchAll(/\{([^{}]*)\}/g)].flatMap(([, body]) =>
    body!
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part.includes(':'))
      .map((part) => {
        const colon = part.indexOf(':')
        return { property: part.slice(0, colon).trim(), value: part.slice(colon + 1).trim() }
      }),
  )
}

// Every CSS colour keyword but `transparent` and `currentColor`, which name no colour of ours.
const namedColours = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue ' +
    'blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk ' +
    'crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki ' +
    'darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue ' +
    'dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite ' +
    'gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki ' +
    'lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen ' +
    'lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen ' +
    'magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen ' +
    'mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream ' +
    'mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
    'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum ' +
    'powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown ' +
    'seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen ' +
    'steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen'
  ).split(' '),
)
// Properties whose words are names (fonts, grid areas, animations), never colours.
const nameProperties = /^(font-family|grid-area|grid-template-areas|animation(-name)?|content)$/

/** What in a declaration is a raw colour: a hex, a colour function or a colour keyword. */
function rawColours({ property, value }: Declaration): string[] {
  const found = [
    ...(value.match(/#[0-9a-f]{3,8}\b/gi) ?? []),
    ...(value.match(/\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi) ?? []),
  ]
  if (!nameProperties.test(property)) {
    const words = value.replace(/var\([^)]*\)/g, '').match(/[a-z]+/gi) ?? []
    found.push(...words.filter((word) => namedColours.has(word.toLowerCase())))
  }
  return found
}

/** What in a declaration is a raw font size: a length in `font-size` or the `font` shorthand. */
function rawFontSizes({ property, value }: Declaration): string[] {
  if (property !== 'font-size' && property !== 'font') return []
  return value.replace(/var\([^)]*\)/g, '').match(/\d*\.?\d+(?:px|r?em|pt|%|vw|vh|ch|ex)\b/g) ?? []
}

/** Every raw value in the stylesheets outside the tokens file, as `file: property: value`. */
function findRawValues(find: (declaration: Declaration) => string[]): string[] {
  return stylesheets
    .filter((file) => file !== tokensFile)
    .flatMap((file) =>
      declarationsOf(readFileSync(file, 'utf8'))
        .filter((declaration) => find(declaration).length > 0)
        .map(({ property, value }) => `${relative(root, file)}: ${property}: ${value}`),
    )
}

describe('the style checks themselves', () => {
  const sample = `
    /* #123456 in a comment is prose */
    .a { color: #1b1f24; background: rgb(0 0 0 / 10%); border-color: white; }
    .b { font-size: 13.5px; font: 600 12px/1.4 var(--font); }
    .c { color: var(--text); background: transparent; border-color: currentColor; }
    .d { font-size: var(--text-sm); font: inherit; font-family: var(--font); }
  `
  const declarations = declarationsOf(sample)

  it('find a hex, a colour function and a colour keyword, and no token or comment', () => {
    expect(declarations.flatMap(rawColours)).toEqual(['#1b1f24', 'rgb(', 'white'])
  })

  it('find a pixel size in font-size and in the font shorthand, and no token', () => {
    expect(declarations.flatMap(rawFontSizes)).toEqual(['13.5px', '12px'])
  })
})

describe('when a stylesheet outside the tokens file colours or sizes its text', () => {
  it('has stylesheets to check, the tokens file among them', () => {
    expect(stylesheets).toContain(tokensFile)
    expect(stylesheets.length).toBeGreaterThan(5)
  })

  it('names a colour token rather than a raw colour', () => {
    expect(findRawValues(rawColours)).toEqual([])
  })

  it('names a type-scale token rather than a raw font size', () => {
    expect(findRawValues(rawFontSizes)).toEqual([])
  })
})

describe('when a stylesheet reads a custom property', () => {
  it('reads one a stylesheet or a component defines', () => {
    const defined = new Set<string>()
    for (const file of stylesheets) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/(--[\w-]+)\s*:/g)) {
        defined.add(name!)
      }
    }
    // Components set some properties inline (a participant's colour, a chart's size).
    for (const file of filesUnder(clientDir, /\.tsx?$/)) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/['"`](--[\w-]+)['"`]/g)) {
        defined.add(name!)
      }
    }
    const undefinedNames = stylesheets.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/var\((--[\w-]+)/g)]
        .map(([, name]) => name!)
        // Radix sets its own on the elements it positions.
        .filter((name) => !defined.has(name) && !name.startsWith('--radix-'))
        .map((name) => `${relative(root, file)}: ${name}`),
    )
    expect(undefinedNames).toEqual([])
  })
})
