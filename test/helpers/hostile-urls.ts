/**
 * @module Hostile URLs for the attack suites: the forms of internal hosts and of URLs that are not
 * plain http(s), and open-redirect payloads, with the check of a refusal that names its problem.
 */
import { expect } from 'vitest'
import type { ErrorBody } from './http'
import { SHOP } from './payments'

/** Hosts of this machine, private networks and cloud metadata, and how the URL parser reads them. */
export const INTERNAL_HOSTS: { host: string; loopback?: string }[] = [
  { host: '127.0.0.1', loopback: '127.0.0.1' },
  { host: '127.1', loopback: '127.0.0.1' },
  { host: '0177.0.0.1', loopback: '127.0.0.1' },
  { host: '0x7f000001', loopback: '127.0.0.1' },
  { host: '2130706433', loopback: '127.0.0.1' },
  { host: '[::1]', loopback: '[::1]' },
  { host: 'localhost', loopback: 'localhost' },
  { host: 'LOCALHOST.', loopback: 'localhost.' },
  { host: '0.0.0.0' },
  { host: '[::ffff:127.0.0.1]' },
  { host: '[::ffff:7f00:1]' },
  { host: '[0:0:0:0:0:ffff:127.0.0.1]' },
  { host: 'foo.localhost' },
  { host: '169.254.169.254' },
  { host: '[fd00::1]' },
  { host: '10.0.0.1' },
  { host: '192.168.1.1' },
  { host: '172.16.0.1' },
  { host: '100.64.0.1' },
  { host: 'metadata.google.internal' },
]

/** Not an http(s) URL written plainly, with the problem the URL check names. */
export const NOT_PLAIN_URLS = [
  ['file:///etc/passwd', 'not_http'],
  ['gopher://hooks.example.com:70/_GET%20/', 'not_http'],
  ['ftp://hooks.example.com/h', 'not_http'],
  ['data:text/plain,hello', 'not_http'],
  ['javascript:alert(1)', 'not_http'],
  ['https:hooks.example.com/h', 'not_http'],
  ['//hooks.example.com/h', 'not_http'],
  ['https://user:pass@hooks.example.com/h', 'credentials'],
  ['https://hooks.example.com@169.254.169.254/h', 'credentials'],
  ['https://hooks.example.com/h\r\nX-Injected: 1', 'malformed'],
  ['https://hooks.example.com/a b', 'malformed'],
  [' https://hooks.example.com/h', 'malformed'],
  ['https://hooks.example.com\\@127.0.0.1/h', 'malformed'],
] as const

/** Open-redirect payloads a merchant's integration might pass on from a shopper. */
export const REDIRECT_PAYLOADS = [
  '//evil.com',
  '/\\evil.com',
  'https:evil.com',
  `${SHOP}@evil.com`,
  `${SHOP}.evil.com/cb`,
  'javascript:alert(1)',
  '%2F%2Fevil.com',
  '\t//evil.com',
  `https://shop.example.com\u3002evil.com/cb`, // ideographic full stop: the parser reads a dot
  'https://shop.example.com\uff0fevil.com', // fullwidth solidus
  'https://ѕhop.example.com/cb', // Cyrillic ѕ
  'https://shop.ex\u0430mple.com/cb', // Cyrillic а
  'https://xn--hop-ehd.example.com/cb', // the same, as punycode
  `${SHOP}%2F@evil.com/cb`,
  `${SHOP}:443@evil.com/cb`,
]

/** A 422 with the given code and, if given, the problem in its details. */
export function expectRefused(
  res: { status: number; body: ErrorBody },
  code: string,
  problem?: string
) {
  expect(res.status, JSON.stringify(res.body)).toBe(422)
  expect(res.body.error.code).toBe(code)
  if (problem)
    expect(res.body.error.details).toEqual([expect.objectContaining({ message: problem })])
}
