import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The key file created in DATA_DIR when SECRETS_KEY is not set. */
export const SecretsKeyFileName = 'secrets.key'

const Prefix = 'enc:v1:'

/** Encrypts and decrypts secrets at rest with AES-256-GCM. */
export interface SecretBox {
  seal(plain: string): string
  /** Throws when the text was sealed with another key or changed. */
  open(sealed: string): string
}

/**
 * A box whose key is derived from SECRETS_KEY, or else read from (or on first use created in)
 * `<dataDir>/secrets.key` with mode 0600. Several instances must share SECRETS_KEY: each would
 * otherwise make its own key file and could not read what the others sealed.
 */
export function createSecretBox(secretsKey: string | null, dataDir: string): SecretBox {
  let key: Buffer | undefined
  const keyOf = () => {
    if (key) return key
    if (secretsKey) {
      key = createHash('sha256').update(secretsKey).digest()
      return key
    }
    const file = join(dataDir, SecretsKeyFileName)
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true })
      // `wx`: two processes starting at once cannot both write one.
      try {
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      chmodSync(file, 0o600)
    }
    const stored = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
    if (stored.length !== 32) throw new Error(`${file} does not hold a 32-byte key`)
    key = stored
    return key
  }
  return {
    seal(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', keyOf(), iv)
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Prefix + Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')
    },
    open(sealed) {
      if (!sealed.startsWith(Prefix)) throw new Error('not a sealed secret')
      const raw = Buffer.from(sealed.slice(Prefix.length), 'base64')
      const decipher = createDecipheriv('aes-256-gcm', keyOf(), raw.subarray(0, 12))
      decipher.setAuthTag(raw.subarray(12, 28))
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}
