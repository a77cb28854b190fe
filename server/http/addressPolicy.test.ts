import { describe, expect, it } from 'vitest'
import { AddressRefusedError, isForbiddenAddress, resolveWebhookHost } from './addressPolicy.js'

describe('which addresses webhooks and metric source pulls may reach', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fd00::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    'fd12::1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true)
  })

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false)
    },
  )

  it('refuses a name that resolves to loopback unless the operator allows private networks', async () => {
    await expect(resolveWebhookHost('localhost', false)).rejects.toBeInstanceOf(AddressRefusedError)
    const allowed = await resolveWebhookHost('localhost', true)
    expect(isForbiddenAddress(allowed.address)).toBe(true)
  })

  it('refuses a bracketed IPv6 literal of loopback', async () => {
    await expect(resolveWebhookHost('[::1]', false)).rejects.toBeInstanceOf(AddressRefusedError)
  })
})
