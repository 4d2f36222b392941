/**
 * @module IYZWSv2 request authentication, checked byte for byte
 * (https://docs.iyzico.com/en/getting-started/preliminaries/authentication/hmacsha256-auth):
 * `Authorization: IYZWSv2 base64("apiKey:<apiKey>&randomKey:<rnd>&signature:<hex>")` where
 * `hex = HMAC-SHA256(secretKey, rnd + path + rawBody)`, the path without query and the body exactly
 * as received (nothing for a bodiless GET). An `x-iyzi-rnd` header, when sent (iyzipay-node sends
 * it), must carry the same random key. Refusals are iyzico's: 1001 "api bilgileri bulunamadı"
 * for an unknown key, 1000 "Geçersiz imza" for anything else.
 */
import { timingSafeEqual } from 'node:crypto'
import type { IyzicoStore, Merchant } from './store.ts'
import { type Context, failure, hmacHex } from './wire.ts'

const AUTH_PATTERN = /^IYZWSv2 ([A-Za-z0-9+/]+={0,2})$/
const CONTENT_PATTERN = /^apiKey:([^&]+)&randomKey:([^&]+)&signature:([0-9a-f]{64})$/

/** HTTP status of an authentication refusal; the body is iyzico's failure shape. */
const REFUSED_STATUS = 401

/** The API key a request names, before anything is checked. */
export function claimedApiKey(request: Request): string | undefined {
  const encoded = AUTH_PATTERN.exec(request.headers.get('Authorization') ?? '')?.[1]
  if (!encoded) return undefined
  return CONTENT_PATTERN.exec(Buffer.from(encoded, 'base64').toString('utf8'))?.[1]
}

export function authenticate(
  store: IyzicoStore,
  request: Request,
  path: string,
  rawBody: string,
  ctx: Context
): Merchant | Response {
  const invalid = () =>
    failure(ctx, { errorCode: '1000', errorMessage: 'Geçersiz imza' }, REFUSED_STATUS)
  const encoded = AUTH_PATTERN.exec(request.headers.get('Authorization') ?? '')?.[1]
  if (!encoded) return invalid()
  const decoded = Buffer.from(encoded, 'base64')
  if (decoded.toString('base64') !== encoded) return invalid()
  const parts = CONTENT_PATTERN.exec(decoded.toString('utf8'))
  if (!parts) return invalid()
  const [, apiKey = '', randomKey = '', signature = ''] = parts
  const merchant = store.merchantByApiKey(apiKey)
  if (!merchant) {
    return failure(
      ctx,
      { errorCode: '1001', errorMessage: 'api bilgileri bulunamadı' },
      REFUSED_STATUS
    )
  }
  const rndHeader = request.headers.get('x-iyzi-rnd')
  if (rndHeader !== null && rndHeader !== randomKey) return invalid()
  const expected = hmacHex(merchant.secretKey, `${randomKey}${path}${rawBody}`)
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return invalid()
  return merchant
}
