/**
 * @module One iyzico API call: the JSON body written once, signed as written (IYZWSv2) and sent
 * with the headers iyzipay-node sends (`x-iyzi-rnd`, `x-iyzi-client-version`); the answer is
 * classified once. iyzico answers `status: "success"` or `status: "failure"` with `errorCode`,
 * `errorMessage`, `errorGroup` (https://docs.iyzico.com/en/add-ons/error-codes); a timeout, a 5xx
 * or an unreadable answer after the request may have left is unknown, never a decline.
 * A GET (the reporting API) has no body and signs the path alone, as iyzipay-java and iyzipay-php
 * do (`getHttpHeadersV2(path, null, …)`); its query is not signed.
 * `sendIyzico` also tells the HTTP status, for the one caller that reads it: a refund whose
 * `/v2/payment/refund` iyzico does not know (404, 405) is made through `/payment/refund`.
 */
import * as z from 'zod'
import { randomBytes } from '../../crypto/random'
import { parseJson, send } from '../http'
import type { ProviderContext } from '../types'
import { authorizationHeader } from './signing'

/** The SDK whose wire format this adapter follows (iyzipay-node `IyzipayResource.CLIENT_VERSION`). */
export const CLIENT_VERSION = 'iyzipay-node-2.0.69'

export const Failure = z.object({
  status: z.literal('failure'),
  // Usually text ("10051"); the rate limiter's answer writes it as a JSON number (50000,
  // https://docs.iyzico.com/en/getting-started/preliminaries/limiters).
  errorCode: z.union([z.string(), z.number()]).transform(String).nullish(),
  errorMessage: z.string().nullish(),
  errorGroup: z.string().nullish(),
})
export type Failure = z.infer<typeof Failure>

export type IyzicoAnswer =
  | { kind: 'success'; body: Record<string, unknown> }
  | { kind: 'failure'; failure: Failure; body: Record<string, unknown> }
  | { kind: 'unknown'; reason: string }

const Credentials = z.object({ apiKey: z.string().min(1), secretKey: z.string().min(1) })

/** A random key as iyzipay-node makes it: seconds, then random digits. */
export function randomKey(now: number): string {
  const digits = Array.from(randomBytes(8), (b) => String(b % 10)).join('')
  return `${Math.floor(now / 1000)}${digits}`
}

export interface IyzicoRequest {
  method?: 'POST' | 'GET'
  path: string
  query?: Record<string, string>
  body?: object
}

/** The answer and, when one came, its HTTP status. */
export interface Sent {
  answer: IyzicoAnswer
  httpStatus?: number
}

/** True when the server does not know the path or its method: nothing was done. */
export const isUnknownEndpoint = (sent: Sent) => sent.httpStatus === 404 || sent.httpStatus === 405

export const callIyzico = async (ctx: ProviderContext, request: IyzicoRequest) =>
  (await sendIyzico(ctx, request)).answer

export async function sendIyzico(ctx: ProviderContext, request: IyzicoRequest): Promise<Sent> {
  const { apiKey, secretKey } = Credentials.parse(ctx.config)
  const method = request.method ?? 'POST'
  const body = method === 'POST' ? JSON.stringify(request.body ?? {}) : ''
  const rnd = randomKey(ctx.deps.now())
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/json',
    Authorization: await authorizationHeader({
      apiKey,
      secretKey,
      randomKey: rnd,
      uriPath: request.path,
      body,
    }),
    'x-iyzi-rnd': rnd,
    'x-iyzi-client-version': CLIENT_VERSION,
  }
  const query = request.query ? `?${new URLSearchParams(request.query)}` : ''
  const result = await send(ctx.deps, `${ctx.baseUrl}${request.path}${query}`, {
    method,
    headers,
    body: method === 'POST' ? body : undefined,
  })
  if (!result.ok) return { answer: { kind: 'unknown', reason: result.reason } }
  return { answer: classify(result.status, result.text), httpStatus: result.status }
}

function classify(status: number, text: string): IyzicoAnswer {
  if (status >= 500) return { kind: 'unknown', reason: `http_${status}` }
  const object = z.record(z.string(), z.unknown()).safeParse(parseJson(text))
  if (!object.success) return { kind: 'unknown', reason: `unreadable_answer_http_${status}` }
  if (object.data.status === 'success') return { kind: 'success', body: object.data }
  const failure = Failure.safeParse(object.data)
  return failure.success
    ? { kind: 'failure', failure: failure.data, body: object.data }
    : { kind: 'unknown', reason: `unexpected_answer_http_${status}` }
}
