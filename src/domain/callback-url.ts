/**
 * @module Checking a merchant's `callbackUrl` before a payment is created: it must be an absolute
 * http(s) URL, written plainly, whose origin is exactly one the tenant allowed. The gateway later
 * redirects the shopper only to the URL stored here, never to anything from a callback's query.
 */
import type { AllowedOrigin } from './origins'
import { type PlainUrlProblem, parsePlainHttpUrl } from './plain-url'

export const CALLBACK_URL_MAX_LENGTH = 2048

export type CallbackUrlProblem = PlainUrlProblem | 'origin_not_allowed' | 'test_only_origin'

export function checkCallbackUrl(
  input: string,
  allowed: readonly AllowedOrigin[],
  environment: 'test' | 'production'
): { url: string } | { problem: CallbackUrlProblem } {
  if (input.length > CALLBACK_URL_MAX_LENGTH) return { problem: 'malformed' }
  const url = parsePlainHttpUrl(input)
  if ('problem' in url) return url
  const match = allowed.find((entry) => entry.origin === url.origin)
  if (!match) return { problem: 'origin_not_allowed' }
  if (match.testOnly && environment !== 'test') return { problem: 'test_only_origin' }
  return { url: url.href }
}
