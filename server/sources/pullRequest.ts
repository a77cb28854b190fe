import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { isForbiddenAddress } from '../http/addressPolicy.js'

/** A poll that read nothing, and why, in words shown on the canvas. */
export class PullError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PullError'
  }
}

export interface PullLimits {
  /** Loopback, private and link-local addresses are refused unless this is set. */
  allowPrivateNetwork: boolean
  timeoutMs: number
  maxBytes: number
}

export const DefaultPullLimits = { timeoutMs: 10_000, maxBytes: 1024 * 1024 }

const PrivateRefused = (host: string) =>
  new PullError(
    `${host} is on a private or local network address; the operator allows those with PULLS_ALLOW_PRIVATE_NETWORK=true`,
  )

/** Resolves names as usual, and refuses every answer that is a private address. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, options, (error, address, family) => {
    if (error) return callback(error, address, family)
    const all: LookupAddress[] = Array.isArray(address)
      ? address
      : [{ address, family: family ?? 4 }]
    if (all.some((a) => isForbiddenAddress(a.address))) {
      return callback(PrivateRefused(hostname), address, family)
    }
    callback(null, address, family)
  })
}

/**
 * GETs a URL and parses its JSON answer: within `timeoutMs`, at most `maxBytes`, no redirects,
 * and (unless allowed) never to a private address, checked on the address actually connected
 * to. Every failure is a PullError saying what went wrong.
 */
export function getJson(
  url: string,
  headers: Record<string, string>,
  limits: PullLimits,
): Promise<unknown> {
  const target = new URL(url)
  const host = target.hostname.replace(/^\[|\]$/g, '')
  if (!limits.allowPrivateNetwork && isIP(host) && isForbiddenAddress(host)) {
    return Promise.reject(PrivateRefused(host))
  }
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolveAnswer, rejectAnswer) => {
    // The whole request, not only an idle socket, must end within the time limit: a server
    // dripping its answer byte by byte is cut off too.
    const deadline = setTimeout(
      () => fail(new PullError(`${target.host} did not answer within ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    )
    const resolve = (json: unknown) => {
      clearTimeout(deadline)
      resolveAnswer(json)
    }
    const reject = (error: PullError) => {
      clearTimeout(deadline)
      rejectAnswer(error)
    }
    const fail = (error: PullError) => {
      req.destroy()
      reject(error)
    }
    const req = request(
      target,
      {
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'discovery-board', ...headers },
        timeout: limits.timeoutMs,
        ...(limits.allowPrivateNetwork ? {} : { lookup: guardedLookup }),
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0
        if (status >= 300 && status < 400) {
          res.resume()
          return fail(
            new PullError(`${target.host} answered ${status} (redirects are not followed)`),
          )
        }
        const declared = Number(res.headers['content-length'])
        if (declared > limits.maxBytes) {
          return fail(new PullError(`The answer is larger than ${limits.maxBytes} bytes`))
        }
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > limits.maxBytes) {
            fail(new PullError(`The answer is larger than ${limits.maxBytes} bytes`))
          } else chunks.push(chunk)
        })
        res.on('error', () => fail(new PullError(`${target.host} broke off its answer`)))
        res.on('end', () => {
          let json: unknown
          let parsed = true
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          } catch {
            parsed = false
          }
          if (status < 200 || status > 299) {
            // APIs such as Prometheus say in their error answer what was wrong.
            const said = (json as { error?: unknown } | null)?.error
            const detail = typeof said === 'string' ? `: ${said.slice(0, 300)}` : ''
            return reject(new PullError(`${target.host} answered ${status}${detail}`))
          }
          if (!parsed) return reject(new PullError(`${target.host} did not answer with JSON`))
          resolve(json)
        })
      },
    )
    req.on('timeout', () =>
      fail(new PullError(`${target.host} did not answer within ${limits.timeoutMs} ms`)),
    )
    req.on('error', (error) => {
      reject(
        error instanceof PullError
          ? error
          : new PullError(
              `Cannot reach ${target.host}: ${(error as NodeJS.ErrnoException).code ?? error.message}`,
            ),
      )
    })
    req.end()
  })
}
