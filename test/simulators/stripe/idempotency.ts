/**
 * @module Stripe idempotency (docs.stripe.com/api/idempotent_requests): the first answer to a
 * POST with an `Idempotency-Key` (status and body, 500s included) is saved per account and
 * replayed for the same key; the same key with other parameters or another endpoint is an
 * `idempotency_error`. A request refused before it ran (bad parameters) is not saved.
 */
import { type Answer, failure } from './http.ts'
import type { Params } from './params.ts'
import type { Account } from './store.ts'

export const MAX_KEY_LENGTH = 255

const fingerprint = (method: string, path: string, params: Params) =>
  JSON.stringify([method, path, params])

export type Replay =
  | { kind: 'replay'; answer: Answer }
  | { kind: 'refused'; answer: Answer }
  | { kind: 'new' }

export function replayOf(
  account: Account,
  key: string,
  method: string,
  path: string,
  params: Params
): Replay {
  if (key.length > MAX_KEY_LENGTH)
    return {
      kind: 'refused',
      answer: failure(400, {
        type: 'invalid_request_error',
        message: `Invalid idempotency key: the key must be at most ${MAX_KEY_LENGTH} characters.`,
      }),
    }
  const saved = account.idempotency.get(key)
  if (!saved) return { kind: 'new' }
  if (saved.request !== fingerprint(method, path, params))
    return {
      kind: 'refused',
      answer: failure(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      }),
    }
  return { kind: 'replay', answer: { status: saved.status, body: JSON.parse(saved.body) } }
}

export function save(
  account: Account,
  key: string,
  method: string,
  path: string,
  params: Params,
  answer: Answer
) {
  account.idempotency.set(key, {
    request: fingerprint(method, path, params),
    status: answer.status,
    body: JSON.stringify(answer.body),
  })
}
