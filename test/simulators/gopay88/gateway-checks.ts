/**
 * @module The checks every GoPay88 API request passes before the business logic, in cmpay's
 * order (`service/ApiRequest.php`: headers, signature, key and channel), answering with the
 * codes of GoPay88's 错误码 table and cmpay's `{error_msg, error_code}` body.
 */
import { uriAndQueryOf } from './php.ts'
import { requestSignatureHolds } from './signing.ts'
import type { Gopay88Store, Merchant } from './store.ts'

/** cmpay CheckArguments: the headers every request needs. */
const REQUIRED_HEADERS = [
  'x-ca-auth',
  'x-ca-signature',
  'x-ca-noncestr',
  'x-ca-timestamp',
  'x-ca-resturl',
]

export const COLLECTION_CHANNELS = ['gopay_banktransfer', 'gopay_bankupi', 'gopay_quickupi']

export const gopay88Error = (status: number, code: number, message: string) =>
  new Response(JSON.stringify({ error_msg: message, error_code: code }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })

export const invalidParameters = (message = 'invalid parameters') =>
  gopay88Error(400, 100000, message)

const headerFailure = (name: string) =>
  gopay88Error(400, 400000, `Invalid Request.[ Request header [${name}] Failure.]`)

export type Checked =
  | { ok: true; merchant: Merchant; payload: Record<string, unknown> }
  | { ok: false; response: Response }

const refused = (response: Response): Checked => ({ ok: false, response })

export async function checkRequest(store: Gopay88Store, request: Request): Promise<Checked> {
  const header = (name: string) => request.headers.get(name) ?? ''
  const missing = REQUIRED_HEADERS.find((name) => header(name) === '')
  if (missing) return refused(headerFailure(missing))
  // Stricter than cmpay, which takes any value: the document asks for a ms (or finer) timestamp,
  // a 32-character nonce and the URL actually requested.
  if (!/^\d{13,}$/.test(header('x-ca-timestamp'))) return refused(headerFailure('x-ca-timestamp'))
  if (!/^[0-9A-Za-z]{32}$/.test(header('x-ca-noncestr')))
    return refused(headerFailure('x-ca-noncestr'))
  if (uriAndQueryOf(header('x-ca-resturl')).uri !== uriAndQueryOf(request.url).uri)
    return refused(headerFailure('x-ca-resturl'))

  const merchant = store.merchantByKey(header('x-ca-auth'))
  if (!merchant)
    return refused(
      gopay88Error(400, 400003, 'Invalid Request.[ Auth Key No permission or nexistencet.]')
    )
  const rawBody = Buffer.from(await request.arrayBuffer())
  const signed = {
    restUrl: header('x-ca-resturl'),
    nonce: header('x-ca-noncestr'),
    timestamp: header('x-ca-timestamp'),
    signature: header('x-ca-signature'),
  }
  if (!requestSignatureHolds(merchant.publicKey, signed, rawBody))
    return refused(
      gopay88Error(403, 400003, 'Invalid Request.[ Request Data And Sign Verify Failure.]')
    )

  // ThinkPHP reads post() from a JSON body only when it is sent as JSON.
  if (!header('content-type').toLowerCase().includes('application/json'))
    return refused(invalidParameters())
  let payload: unknown
  try {
    payload = JSON.parse(rawBody.toString('utf8'))
  } catch {
    return refused(invalidParameters())
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload))
    return refused(invalidParameters())
  const fields = payload as Record<string, unknown>
  if (String(fields.mchid ?? '') !== merchant.mchid)
    return refused(gopay88Error(404, 600000, 'User do not exist.'))
  if (typeof fields.channel !== 'string' || !COLLECTION_CHANNELS.includes(fields.channel))
    return refused(gopay88Error(400, 400003, 'Invalid Request.[ Payment Code Does Not Allowed.]'))
  return { ok: true, merchant, payload: fields }
}
