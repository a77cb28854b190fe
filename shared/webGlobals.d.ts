// The only platform APIs shared/ uses, present in browsers and in Node alike. Declared here
// because shared/ compiles with neither DOM nor Node types; anything else needs a new line.

declare class TextEncoder {
  encode(input?: string): Uint8Array
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean })
  decode(input?: Uint8Array): string
}

declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T
}
