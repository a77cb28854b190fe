/** Default limits; the server reads overrides from its environment. */
export const DefaultLimits = {
  /** Largest WebSocket message the server accepts. */
  maxMessageBytes: 10 * 1024 * 1024,
  /** Largest stored document (sum of its stored update sizes). */
  maxDocumentBytes: 50 * 1024 * 1024,
  /** Largest awareness state of one client, as JSON. */
  maxAwarenessStateBytes: 16 * 1024,
  /** Largest uploaded image. */
  maxAssetBytes: 10 * 1024 * 1024,
} as const

/** Largest markdown file the import endpoint reads; the app checks it before uploading. */
export const MaxImportBytes = 5 * 1024 * 1024

/** Image types the upload endpoint accepts; SVG is refused because it can carry script. */
export const AcceptedImageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
export type AcceptedImageType = (typeof AcceptedImageTypes)[number]

/** How long a deleted board can be restored. */
export const RestoreWindowDays = 30
