/**
 * @module Where merchant notifications may be sent: https only, except `http://localhost` and
 * `http://127.0.0.1` for test-mode endpoints; live endpoints never point at private, loopback,
 * link-local or otherwise internal addresses (SSRF, OWASP API7). Names that resolve to such
 * addresses cannot be caught here; production Workers cannot reach private networks anyway.
 */
import { isInternalHostName, isLoopbackHost } from './origins'
import { parsePlainHttpUrl } from './plain-url'

export type WebhookUrlProblem =
  | 'malformed'
  | 'not_http'
  | 'credentials'
  | 'not_https'
  | 'internal_address'

function isInternalIpv4(host: string): boolean {
  const parts = host.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    return false
  const [a, b] = parts as [number, number]
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  )
}

/** The eight 16-bit groups of a URL's IPv6 host (the URL parser has already normalized it). */
function ipv6Groups(host: string): number[] | undefined {
  const address = host.replace(/^\[|\]$/g, '')
  const [head = '', tail] = address.split('::')
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16))
  const start = parse(head)
  const end = tail === undefined ? [] : parse(tail)
  const groups =
    tail === undefined ? start : [...start, ...Array(8 - start.length - end.length).fill(0), ...end]
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined
}

const ipv4Of = (high: number, low: number) =>
  [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.')

function isInternalIpv6(host: string): boolean {
  const g = ipv6Groups(host)
  if (!g) return true
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0)
  return (
    // ::/96 (unspecified, loopback, IPv4-compatible), ::ffff:0:0/96 (mapped) and
    // ::ffff:0:0:0/96 (translated): all refused, whatever address they carry.
    (zeroUpTo(5) && (g5 === 0 || g5 === 0xffff)) ||
    (zeroUpTo(4) && g4 === 0xffff && g5 === 0) ||
    (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0
      ? isInternalIpv4(ipv4Of(g6, g7)) // NAT64 well-known prefix
      : false) ||
    (g0 === 0x64 && g1 === 0xff9b && g2 === 1) || // 64:ff9b:1::/48, local-use NAT64
    (g0 === 0x2002 && isInternalIpv4(ipv4Of(g1, g2))) || // 6to4
    (g0 === 0x2001 && g1 === 0) || // Teredo: the relay is outside our control
    (g0 === 0x2001 && g1 === 0xdb8) || // documentation
    (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) || // discard-only
    (g0 & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (g0 & 0xff80) === 0xfe80 || // fe80::/10 link-local and fec0::/10 site-local
    (g0 & 0xff00) === 0xff00 // multicast
  )
}

export function checkWebhookUrl(
  input: string,
  mode: 'test' | 'live'
): { url: string } | { problem: WebhookUrlProblem } {
  const url = parsePlainHttpUrl(input)
  if ('problem' in url) return url
  // Trailing dots name the same host (`localhost.` is localhost); compare without them.
  const host = url.hostname.replace(/\.+$/, '')
  const loopback = isLoopbackHost(host)
  if (loopback && mode === 'test') return { url: url.href }
  if (url.protocol !== 'https:') return { problem: 'not_https' }
  if (
    loopback ||
    isInternalHostName(host) ||
    isInternalIpv4(host) ||
    (host.startsWith('[') && isInternalIpv6(host))
  ) {
    return { problem: 'internal_address' }
  }
  return { url: url.href }
}
