/**
 * @module Allowed callback origins: exactly scheme + host + port, compared as strings after the
 * URL parser normalises them. Loopback origins are for test-environment payments only.
 */
import { parsePlainHttpUrl } from './plain-url'

export interface AllowedOrigin {
  origin: string
  testOnly: boolean
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
/**
 * Names that never lead to a public host: `localhost` and its subdomains (RFC 6761; browsers send
 * `*.localhost` to loopback), mDNS `.local`, `home.arpa` (RFC 8375) and common private suffixes
 * (`metadata.google.internal`). Compared without trailing dots.
 */
const INTERNAL_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|localdomain)$/i
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/

export const isLoopbackHost = (hostname: string) => LOOPBACK_HOSTS.has(hostname)
export const isInternalHostName = (hostname: string) => INTERNAL_NAMES.test(hostname)

/** A DNS host name with at least two labels, no trailing dot, no IP literal, no internal name. */
function isPublicHostName(hostname: string): boolean {
  if (hostname.endsWith('.') || IPV4.test(hostname) || hostname.startsWith('[')) return false
  if (isInternalHostName(hostname)) return false
  const labels = hostname.split('.')
  return (
    labels.length >= 2 &&
    labels.every((label) => HOST_LABEL.test(label)) &&
    !/^\d+$/.test(labels.at(-1)!)
  )
}

const PLAIN_URL_PROBLEMS = {
  malformed: 'contains whitespace, backslashes or control characters, or does not parse',
  not_http: 'must start with https:// followed by the host',
  credentials: 'must not contain credentials',
} as const

/** Parses an origin a tenant wants to allow, or says why it cannot be one. */
export function parseAllowedOrigin(input: string): AllowedOrigin | { problem: string } {
  const url = parsePlainHttpUrl(input)
  if ('problem' in url) return { problem: PLAIN_URL_PROBLEMS[url.problem] }
  if ((url.pathname !== '/' && url.pathname !== '') || input.includes('?') || input.includes('#')) {
    return {
      problem: 'must be an origin only (scheme, host and port), without path, query or fragment',
    }
  }
  const loopback = isLoopbackHost(url.hostname)
  if (loopback) return { origin: url.origin, testOnly: true }
  if (url.protocol !== 'https:')
    return { problem: 'must use https (http is allowed for localhost and 127.0.0.1 only)' }
  if (!isPublicHostName(url.hostname))
    return { problem: 'must name a public host (no IP address, internal name or trailing dot)' }
  return { origin: url.origin, testOnly: false }
}
