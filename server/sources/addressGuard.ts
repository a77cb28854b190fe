import { BlockList, isIP } from 'node:net'

/**
 * Addresses a source may not be on unless the operator allows private networks: loopback,
 * private, link-local, shared, multicast and reserved ranges, in IPv4 and IPv6.
 */
function privateRanges(): BlockList {
  const list = new BlockList()
  for (const [net, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const) {
    list.addSubnet(net, prefix, 'ipv4')
  }
  for (const [net, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
    ['64:ff9b::', 96],
  ] as const) {
    list.addSubnet(net, prefix, 'ipv6')
  }
  return list
}

/** Whether an IP address (v4 or v6, IPv4-mapped included) is a private or local one. */
export function isPrivateAddress(address: string, ranges: BlockList = privateRanges()): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return ranges.check(mapped[1]!, 'ipv4')
  const family = isIP(address)
  if (family === 4) return ranges.check(address, 'ipv4')
  if (family === 6) return ranges.check(address, 'ipv6')
  return true
}
