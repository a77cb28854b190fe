import { randomBytes } from 'node:crypto'
import { createRoute } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { AssetIdSchema, UploadedAssetSchema } from '../../shared/api/assets.js'
import { BoardIdSchema } from '../../shared/api/boards.js'
import { AcceptedImageTypes, type AcceptedImageType } from '../../shared/protocol/limits.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { errors, json, openApiRoutes, rawContent } from '../http/openApi.js'
import { requireBoard } from './boards.js'
import { sniffImageType } from './sniffImageType.js'

const Binary = { type: 'string', format: 'binary' }

/** Image upload for a board, and serving uploaded images by id. */
export function assetRoutes(ctx: ServerContext) {
  const maxBytes = ctx.config.limits.maxAssetBytes
  const upload = openApiRoutes().openapi(
    createRoute({
      method: 'post',
      path: '/{boardId}/assets',
      operationId: 'uploadAsset',
      summary: 'Upload an image: the raw file as the body, its type as Content-Type',
      description: `The bytes must match the declared type; at most ${maxBytes} bytes.`,
      middleware: [
        bodyLimit({
          maxSize: maxBytes,
          onError: () => {
            throw new ApiError('payload_too_large', `Images may be at most ${maxBytes} bytes`)
          },
        }),
      ],
      request: {
        params: z.object({ boardId: BoardIdSchema }),
        body: { required: true, content: rawContent(AcceptedImageTypes, Binary) },
      },
      responses: {
        201: json(UploadedAssetSchema, 'The stored image and the URL it is served at'),
        ...errors(400, 403, 404, 413, 415, 503),
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

  const serve = openApiRoutes().openapi(
    createRoute({
      method: 'get',
      path: '/{assetId}',
      operationId: 'getAsset',
      summary: 'An uploaded image (no key needed: its id is unguessable)',
      security: [],
      request: { params: z.object({ assetId: AssetIdSchema }) },
      responses: {
        200: { description: 'The image', content: rawContent(AcceptedImageTypes, Binary) },
        ...errors(400, 404),
      },
    }),
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
