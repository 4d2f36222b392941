/**
 * @module One GoPay88 API call: ASCII JSON body → x-ca headers signed over exactly those bytes →
 * `send` with the timeout → the answer read in the document's order (判断逻辑: protocol fields,
 * then the business result, then the order status). A successful answer counts only with a valid
 * platform signature over its `charge`; errors are `{error_code, error_msg}`, unsigned.
 */
import * as z from 'zod'
import { parseJson, send } from '../http'
import type { ProviderContext } from '../types'
import { readCharge } from './charge-json'
import { gopay88ConfigSchema } from './config'
import { type Gopay88Error, identifyError } from './mapping'
import {
  answerHeaders,
  asciiJson,
  newNonce,
  requestHeaders,
  verifyPlatformSignature,
} from './signing'

export const PATH_UNIFIED_ORDER = '/pay/unifiedorder'
/** The spelling of the document's 统一下单 接口网关 line; every other source says `unifiedorder`. */
export const PATH_UNIFIED_ORDER_AS_DOCUMENTED = '/pay/unifedorder'
export const PATH_ORDER_QUERY = '/pay/orderquery'
type Path =
  | typeof PATH_UNIFIED_ORDER
  | typeof PATH_UNIFIED_ORDER_AS_DOCUMENTED
  | typeof PATH_ORDER_QUERY

const ErrorAnswer = z.object({
  error_code: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  error_msg: z.string(),
})

const Envelope = z.object({ result_code: z.string(), result_msg: z.string() })

export type CallResult =
  /** A signed answer with `result_code` OK and `result_msg` SUCCESS. */
  | { kind: 'charge'; charge: unknown }
  /** A signed answer that says the business call failed (`result_msg` FAIL, an empty charge). */
  | { kind: 'failed'; resultCode: string; resultMsg: string }
  /** A documented error answer. */
  | { kind: 'error'; error: Gopay88Error; errorCode: number; message: string }
  /** Nothing was sent: a configured key cannot be used. */
  | { kind: 'unusable_key'; reason: string }
  /** No answer, a 5xx, an unsigned or unreadable answer: nothing can be concluded. */
  | { kind: 'unknown'; reason: string }

export async function callGopay88(
  ctx: ProviderContext,
  path: Path,
  payload: Record<string, unknown>
): Promise<CallResult> {
  const config = gopay88ConfigSchema.parse(ctx.config)
  const restUrl = `${ctx.baseUrl}${path}`
  const body = asciiJson(payload)
  const signed = {
    restUrl,
    nonce: newNonce(),
    timestamp: String(ctx.deps.now()),
    body,
  }
  let headers: Record<string, string>
  try {
    headers = await requestHeaders(config, signed)
  } catch {
    return { kind: 'unusable_key', reason: 'merchantPrivateKey is not a usable RSA private key' }
  }
  const result = await send(ctx.deps, restUrl, { method: 'POST', headers, body })
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  if (result.status >= 400) {
    const answer = ErrorAnswer.safeParse(parseJson(result.text))
    // 错误码: MissException is "HTTP 404状态码时抛出此异常", whoever wrote the body.
    if (!answer.success && result.status === 404)
      return { kind: 'error', error: 'resource_not_found', errorCode: 100000, message: 'HTTP 404' }
    if (!answer.success) return { kind: 'unknown', reason: `http_${result.status}` }
    const { error_code: errorCode, error_msg: message } = answer.data
    const error = identifyError(result.status, errorCode, message)
    return error
      ? { kind: 'error', error, errorCode, message }
      : { kind: 'unknown', reason: `gopay88_error_${errorCode}` }
  }
  const envelope = Envelope.safeParse(parseJson(result.text))
  if (!envelope.success) return { kind: 'unknown', reason: 'unreadable_answer' }
  const { result_code: resultCode, result_msg: resultMsg } = envelope.data
  // "result_code=OK 和 result_msg=SUCCESS 时才有 charge": a refusal may come without a charge
  // or a signature; like an error answer (never signed), it refuses and says nothing of money.
  if (resultCode !== 'OK' || resultMsg !== 'SUCCESS')
    return { kind: 'failed', resultCode, resultMsg }
  const charge = readCharge(result.text)
  if (!charge) return { kind: 'unknown', reason: 'unreadable_answer' }
  const verified = await verifyPlatformSignature(
    config.platformPublicKey,
    answerHeaders(result.headers),
    charge.text
  ).catch(() => false)
  if (!verified) return { kind: 'unknown', reason: 'unverified_answer' }
  return { kind: 'charge', charge: charge.value }
}
