/**
 * @module Allowed callback origins: exactly scheme + host + port, compared as strings after the
 * URL parser normalises them. Loopback origins are for test-environment payments only.
 */

export interface AllowedOrigin {
  origin: string
  testOnly: boolean
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/

const isControlCharacter = (ch: string) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f

export const isLoopbackHost = (hostname: string) => LOOPBACK_HOSTS.has(hostname)

/** A DNS host name with at least two labels, no trailing dot and no IP literal. */
function isPublicHostName(hostname: string): boolean {
  if (hostname.endsWith('.') || IPV4.test(hostname) || hostname.startsWith('[')) return false
  const labels = hostname.split('.')
  return (
    labels.length >= 2 &&
    labels.every((label) => HOST_LABEL.test(label)) &&
    !/^\d+$/.test(labels.at(-1)!)
  )
}

/** Parses an origin a tenant wants to allow, or says why it cannot be one. */
export function parseAllowedOrigin(input: string): AllowedOrigin | { problem: string } {
  if (/[\s\\]/.test(input) || [...input].some(isControlCharacter))
    return { problem: 'contains whitespace, backslashes or control characters' }
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return { problem: 'is not an absolute URL' }
  }
  if (url.username || url.password) return { problem: 'must not contain credentials' }
  if (
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.hash ||
    input.includes('?') ||
    input.includes('#')
  ) {
    return {
      problem: 'must be an origin only (scheme, host and port), without path, query or fragment',
    }
  }
  if (!/^https?:\/\/[^/]/i.test(input))
    return { problem: 'must start with https:// followed by the host' }
  const loopback = isLoopbackHost(url.hostname)
  if (loopback) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { problem: 'must use http or https' }
    return { origin: url.origin, testOnly: true }
  }
  if (url.protocol !== 'https:')
    return { problem: 'must use https (http is allowed for localhost and 127.0.0.1 only)' }
  if (!isPublicHostName(url.hostname))
    return { problem: 'must name a public host (no IP address, no trailing dot)' }
  return { origin: url.origin, testOnly: false }
}
