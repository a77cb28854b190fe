import { randomBytes } from 'node:crypto'
import { createRoute } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { AssetIdSchema, UploadedAssetSchema, boardAssetPath } from '../../shared/api/assets.js'
import { BoardIdSchema } from '../../shared/api/boards.js'
import { AcceptedImageTypes, type AcceptedImageType } from '../../shared/protocol/limits.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { errors, json, openApiRoutes, rawContent } from '../http/openApi.js'
import { requireBoard } from './boards.js'
import { sniffImageType } from './sniffImageType.js'

const Binary = { type: 'string', format: 'binary' }

/** A board's images: upload, and serving them to callers with a key of the board. */
export function assetRoutes(ctx: ServerContext) {
  const maxBytes = ctx.config.limits.maxAssetBytes
  return openApiRoutes()
    .openapi(
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
          201: json(UploadedAssetSchema, 'The stored image and its path under the board (no key)'),
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
        return c.json({ id, src: boardAssetPath(boardId, id) }, 201)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/assets/{assetId}',
        operationId: 'getAsset',
        summary: 'An image uploaded to this board, for a key of the board',
        description:
          'Only images uploaded to this board are served here; an image pasted from another ' +
          'board is uploaded again to this one. Each answer is checked against the key: the ' +
          'browser may keep the image but asks again (If-None-Match) before showing it.',
        request: { params: z.object({ boardId: BoardIdSchema, assetId: AssetIdSchema }) },
        responses: {
          200: { description: 'The image', content: rawContent(AcceptedImageTypes, Binary) },
          304: { description: 'The image the caller holds (If-None-Match) is current' },
          ...errors(400, 404),
        },
      }),
      async (c) => {
        const { boardId, assetId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const asset = await ctx.persistence.getAsset(boardId, assetId)
        if (!asset) throw new ApiError('asset_not_found', 'No image with this id on this board')
        // An asset never changes, so its id is its version; `no-cache` still has every display
        // re-checked, so a rotated key or a deleted board stops it at once.
        const headers = {
          'Cache-Control': 'private, no-cache',
          ETag: `"${asset.id}"`,
          'X-Content-Type-Options': 'nosniff',
        }
        if (c.req.header('if-none-match') === headers.ETag) return c.body(null, 304, headers)
        return c.body(new Uint8Array(asset.data), 200, {
          ...headers,
          'Content-Type': asset.mimeType,
        })
      },
    )
}
