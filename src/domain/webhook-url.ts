/**
 * @module Where merchant notifications may be sent: https only, except `http://localhost` and
 * `http://127.0.0.1` for test-mode endpoints; live endpoints never point at private, loopback,
 * link-local or otherwise internal addresses (SSRF, OWASP API7). Names that resolve to such
 * addresses cannot be caught here; production Workers cannot reach private networks anyway.
 */
import { isLoopbackHost } from './origins'
import { parsePlainHttpUrl } from './plain-url'

export type WebhookUrlProblem =
  | 'malformed'
  | 'not_http'
  | 'credentials'
  | 'not_https'
  | 'internal_address'

const INTERNAL_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|localdomain)$/i

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

function isInternalIpv6(host: string): boolean {
  const address = host.replace(/^\[|\]$/g, '').toLowerCase()
  return (
    address === '::' ||
    address === '::1' ||
    /^f[cd]/.test(address) || // fc00::/7 unique local
    /^fe[89ab]/.test(address) || // fe80::/10 link-local
    address.startsWith('::ffff:') // IPv4-mapped addresses: refused outright, whatever they map to
  )
}

export function checkWebhookUrl(
  input: string,
  mode: 'test' | 'live'
): { url: string } | { problem: WebhookUrlProblem } {
  const url = parsePlainHttpUrl(input)
  if ('problem' in url) return url
  // A trailing dot names the same host (`localhost.` is localhost); compare without it.
  const host = url.hostname.replace(/\.$/, '')
  const loopback = isLoopbackHost(host)
  if (loopback && mode === 'test') return { url: url.href }
  if (url.protocol !== 'https:') return { problem: 'not_https' }
  if (
    loopback ||
    INTERNAL_NAMES.test(host) ||
    isInternalIpv4(host) ||
    (host.startsWith('[') && isInternalIpv6(host))
  ) {
    return { problem: 'internal_address' }
  }
  return { url: url.href }
}
