/**
 * @module Stripe's HTTP surface as the simulator answers it: JSON bodies with a `Request-Id`,
 * errors as `{error:{type, code, message, …}}` with Stripe's status codes (400 invalid request,
 * 401 bad key, 402 card error, 404 missing resource, 500 api_error), and Bearer (or Basic, key
 * as user name) authentication (docs.stripe.com/api/authentication, docs.stripe.com/api/errors).
 */
import { randomId, type StripeErrorBody, type StripeStore } from './store.ts'

/** The version an account uses when a request does not pin one. */
export const ACCOUNT_API_VERSION = '2026-11-18.endive'

export interface Answer {
  status: number
  body: unknown
}

export const ok = (body: unknown): Answer => ({ status: 200, body })

export const failure = (
  status: number,
  error: StripeErrorBody & { [extra: string]: unknown }
): Answer => ({
  status,
  body: { error },
})

export const notFound = (kind: string, id: string, param = 'id'): Answer =>
  failure(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
    message: `No such ${kind}: '${id}'`,
    param,
  })

export const apiError = (): Answer =>
  failure(500, {
    type: 'api_error',
    message:
      "Sorry, something went wrong. We've already been notified of the problem, but if you need any help, you can reach us at support.stripe.com/contact.",
  })

export function toResponse(answer: Answer, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(answer.body, null, 2), {
    status: answer.status,
    headers: {
      'Content-Type': 'application/json',
      'Request-Id': randomId('req_', 14),
      ...headers,
    },
  })
}

const MISSING_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/."

/** Stripe masks all but the last four characters of a refused key. */
const masked = (key: string) =>
  `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`

function keyOf(authorization: string | null): string | undefined {
  if (!authorization) return undefined
  const [scheme, value = ''] = authorization.split(' ')
  if (scheme === 'Bearer') return value
  if (scheme === 'Basic') return Buffer.from(value, 'base64').toString('utf8').split(':')[0]
  return undefined
}

export function authenticate(store: StripeStore, request: Request) {
  const key = keyOf(request.headers.get('Authorization'))
  if (!key)
    return { refused: failure(401, { type: 'invalid_request_error', message: MISSING_KEY }) }
  const account = store.accountOfKey(key)
  if (!account)
    return {
      refused: failure(401, {
        type: 'invalid_request_error',
        message: `Invalid API Key provided: ${masked(key)}`,
      }),
    }
  const version = request.headers.get('Stripe-Version')
  if (version !== null && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(version))
    return {
      refused: failure(400, {
        type: 'invalid_request_error',
        message: `Invalid Stripe API version: ${version}`,
      }),
    }
  return { account, version: version ?? ACCOUNT_API_VERSION }
}

/** Stripe's minor units of a currency, to write amounts in messages. */
const ZERO_DECIMAL = 'bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' ')
const SYMBOLS: Record<string, string> = { usd: '$', eur: '€', gbp: '£', jpy: '¥' }

export function formatAmount(amount: number, currency: string): string {
  const decimals = ZERO_DECIMAL.includes(currency) ? 0 : 2
  const major = (amount / 10 ** decimals).toFixed(decimals)
  const symbol = SYMBOLS[currency]
  return symbol ? `${symbol}${major}` : `${major} ${currency.toUpperCase()}`
}
