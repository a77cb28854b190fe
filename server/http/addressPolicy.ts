import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

/**
 * Where the server may send requests of its own (webhooks, metric sources): never to loopback,
 * private or otherwise local addresses, unless the operator allows private networks.
 */

/** A webhook URL whose host is, or resolves to, an address the server must not call. */
export class AddressRefusedError extends Error {}

/** The host's addresses could not be found (no such name, DNS down). */
export class AddressUnresolvedError extends Error {}

// Loopback, private, link-local, CGNAT, benchmarking, documentation, multicast, reserved and
// unspecified ranges: nothing a public webhook receiver or metrics endpoint lives at.
const V4Ranges: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
]
const V6Ranges: [string, number][] = [
  // Unspecified, loopback and the IPv4-compatible block.
  ['::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
]

function blockList(): BlockList {
  const list = new BlockList()
  for (const [net, prefix] of V4Ranges) list.addSubnet(net, prefix, 'ipv4')
  for (const [net, prefix] of V6Ranges) list.addSubnet(net, prefix, 'ipv6')
  return list
}

/** The eight 16-bit groups of an IPv6 address (which may end in dotted IPv4). */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, '')
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.split('::') as [string, string | undefined]
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : [])
  const front = parse(head)
  const back = tail === undefined ? [] : parse(tail)
  const fill = tail === undefined ? [] : Array<number>(8 - front.length - back.length).fill(0)
  return [...front, ...fill, ...back]
}

/** The IPv4 address an IPv6 one carries (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::`). */
function embeddedV4(address: string): string | null {
  const g = v6Groups(address)
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)
  if (!mapped && !nat64) return null
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.')
}

/**
 * Whether the server may never send a request to this address (loopback, private, link-local,
 * …); anything that is not an IP address is refused too.
 */
export function isForbiddenAddress(address: string): boolean {
  const list = blockList()
  const family = isIP(address)
  if (family === 4) return list.check(address, 'ipv4')
  if (family !== 6) return true
  const v4 = embeddedV4(address)
  if (v4 !== null) return list.check(v4, 'ipv4')
  return list.check(address.replace(/%.*$/, ''), 'ipv6')
}

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/**
 * The address to connect to for `hostname`: every address it resolves to is checked (a name
 * that resolves to a public and a private one is refused), and the caller connects to the one
 * checked, so a name that resolves differently a moment later (DNS rebinding) changes nothing.
 */
export async function resolveWebhookHost(
  hostname: string,
  allowPrivateNetwork: boolean,
): Promise<ResolvedAddress> {
  const host = hostname.replace(/^\[|\]$/g, '')
  let addresses: ResolvedAddress[]
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) as 4 | 6 }]
  } else {
    try {
      const found = await lookup(host, { all: true, verbatim: true })
      addresses = found.map((a) => ({ address: a.address, family: a.family as 4 | 6 }))
    } catch (error) {
      throw new AddressUnresolvedError(
        `${host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      )
    }
  }
  if (addresses.length === 0) throw new AddressUnresolvedError(`${host} has no address`)
  if (!allowPrivateNetwork) {
    const refused = addresses.find((a) => isForbiddenAddress(a.address))
    if (refused) {
      throw new AddressRefusedError(
        `${host} is a loopback, private or otherwise local address (${refused.address}); webhooks go to public addresses only`,
      )
    }
  }
  return addresses[0]!
}
