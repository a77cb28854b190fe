/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** tldraw licence key, read at build time; without it production https blanks the canvas. */
  readonly VITE_TLDRAW_LICENSE_KEY?: string
}
