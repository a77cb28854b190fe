import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DefaultPullLimits, getJson } from './pullRequest.js'
import { createSecretBox, SecretsKeyFileName } from './secretBox.js'

describe('a pull from a local server', () => {
  let server: Server
  let port: number
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(`[${'1,'.repeat(600_000)}1]`)
        return
      }
      if (req.url === '/moved') return res.writeHead(302, { location: '/' }).end()
      if (req.url === '/drip') {
        // An answer that never ends, one byte at a time: never idle, never done.
        res.writeHead(200, { 'content-type': 'application/json' })
        const timer = setInterval(() => res.write(' '), 20)
        res.on('close', () => clearInterval(timer))
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":1}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as { port: number }).port
  })
  afterAll(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  const limits = (allowPrivateNetwork: boolean) => ({ ...DefaultPullLimits, allowPrivateNetwork })

  it('is refused by name when the name resolves to a loopback address', async () => {
    await expect(getJson(`http://localhost:${port}/`, {}, limits(false))).rejects.toThrow(
      /private or local network address.*PULLS_ALLOW_PRIVATE_NETWORK=true/,
    )
  })

  it('is refused by address, and allowed once the operator allows private networks', async () => {
    await expect(getJson(`http://127.0.0.1:${port}/`, {}, limits(false))).rejects.toThrow(
      /private or local/,
    )
    expect(await getJson(`http://127.0.0.1:${port}/`, {}, limits(true))).toEqual({ value: 1 })
  })

  it('gives up on an answer that does not end within the time limit', async () => {
    const quick = { ...limits(true), timeoutMs: 300 }
    await expect(getJson(`http://127.0.0.1:${port}/drip`, {}, quick)).rejects.toThrow(
      /did not answer within 300 ms/,
    )
  })

  it('stops reading an answer larger than the limit and follows no redirect', async () => {
    await expect(getJson(`http://127.0.0.1:${port}/big`, {}, limits(true))).rejects.toThrow(
      /larger than 1048576 bytes/,
    )
    await expect(getJson(`http://127.0.0.1:${port}/moved`, {}, limits(true))).rejects.toThrow(
      /answered 302 \(redirects are not followed\)/,
    )
  })
})

describe('the secret box', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'discovery-board-secrets-'))
    dirs.push(dir)
    return dir
  }

  it('without SECRETS_KEY, creates a key file only its owner may read, and reuses it', () => {
    const dir = dataDir()
    const sealed = createSecretBox(null, dir).seal('Bearer s3cret')
    expect(sealed).not.toContain('s3cret')
    const file = join(dir, SecretsKeyFileName)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64')).toHaveLength(32)
    expect(createSecretBox(null, dir).open(sealed)).toBe('Bearer s3cret')
  })

  it('opens with the same SECRETS_KEY on another instance, and refuses another key', () => {
    const key = 'a-shared-key-of-at-least-32-characters!'
    const sealed = createSecretBox(key, dataDir()).seal('token')
    expect(createSecretBox(key, dataDir()).open(sealed)).toBe('token')
    expect(() => createSecretBox(`${key}x`, dataDir()).open(sealed)).toThrow()
    expect(() => createSecretBox(null, dataDir()).open(sealed)).toThrow()
  })

  it('seals the same text differently each time', () => {
    const box = createSecretBox('a-shared-key-of-at-least-32-characters!', dataDir())
    expect(box.seal('token')).not.toBe(box.seal('token'))
  })
})
