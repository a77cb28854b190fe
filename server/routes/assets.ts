import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import { AcceptedImageTypes, type AcceptedImageType } from '../../shared/protocol/limits.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { validate } from '../http/validate.js'
import { requireBoard } from './boards.js'
import { sniffImageType } from './sniffImageType.js'

const AssetIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not an asset id')

/** Image upload for a board, and serving uploaded images by id. */
export function assetRoutes(ctx: ServerContext) {
  const maxBytes = ctx.config.limits.maxAssetBytes
  const upload = new Hono().post(
    '/:boardId/assets',
    validate('param', z.object({ boardId: BoardIdSchema })),
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new ApiError('payload_too_large', `Images may be at most ${maxBytes} bytes`)
      },
    }),
    async (c) => {
      const { boardId } = c.req.valid('param')
      await requireBoard(ctx, boardId)
      const declared = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      if (!AcceptedImageTypes.includes(declared as AcceptedImageType)) {
        throw new ApiError(
          'unsupported_media_type',
          `Images must be one of ${AcceptedImageTypes.join(', ')}`,
        )
      }
      const data = new Uint8Array(await c.req.arrayBuffer())
      if (data.byteLength === 0) throw new ApiError('invalid_body', 'The image is empty')
      if (sniffImageType(data) !== declared) {
        throw new ApiError('unsupported_media_type', `The file is not a valid ${declared}`)
      }
      const id = randomBytes(16).toString('base64url')
      await ctx.persistence.putAsset({
        id,
        boardId,
        mimeType: declared,
        data,
        createdAt: ctx.now(),
      })
      return c.json({ id, src: `/api/assets/${id}` }, 201)
    },
  )

  const serve = new Hono().get(
    '/:assetId',
    validate('param', z.object({ assetId: AssetIdSchema })),
    async (c) => {
      const asset = await ctx.persistence.getAsset(c.req.valid('param').assetId)
      if (!asset) throw new ApiError('asset_not_found', 'No asset with this id')
      return c.body(new Uint8Array(asset.data), 200, {
        'Content-Type': asset.mimeType,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
      })
    },
  )
  return { upload, serve }
}
