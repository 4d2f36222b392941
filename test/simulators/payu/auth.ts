/**
 * @module PayU's OAuth endpoint `POST /pl/standard/user/oauth/authorize` (API reference "Create
 * OAuth Token"): a form body `grant_type=client_credentials&client_id=<POS id>&client_secret=…`
 * ("Without the Content-Type: application/x-www-form-urlencoded header, authentication request
 * will return error 401"), answered `{access_token, token_type: "bearer", expires_in: 43199,
 * grant_type}`. API calls carry `Authorization: Bearer <token>`; a missing, expired or revoked
 * token is refused with 401 `{error: "invalid_token", …}`.
 */
import type { SimulatorKit } from '../kit/types.ts'
import type { PayuStore, Pos } from './store.ts'
import { internalError, json, oauthError } from './wire.ts'

export const TOKEN_LIFETIME_SECONDS = 43_199

export async function issueToken(kit: SimulatorKit, store: PayuStore, request: Request) {
  if (!request.headers.get('Content-Type')?.startsWith('application/x-www-form-urlencoded')) {
    return oauthError(
      401,
      'unauthorized',
      'Full authentication is required to access this resource'
    )
  }
  const form = new URLSearchParams(await request.text())
  const grantType = form.get('grant_type')
  if (grantType !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType ?? ''}`)
  }
  const pos = store.poses.get(form.get('client_id') ?? '')
  if (!pos || pos.clientSecret !== form.get('client_secret')) {
    return oauthError(401, 'invalid_client', 'Bad client credentials')
  }
  if (kit.fault(pos.posId, 'token') === 'http_500') return internalError()
  kit.count(pos.posId, 'token')
  return json({
    access_token: store.issueToken(pos.posId, kit.now() + TOKEN_LIFETIME_SECONDS * 1000),
    token_type: 'bearer',
    expires_in: TOKEN_LIFETIME_SECONDS,
    grant_type: 'client_credentials',
  })
}

/** The POS of a valid bearer token, or PayU's refusal. */
export function authorize(kit: SimulatorKit, store: PayuStore, request: Request): Pos | Response {
  const bearer = request.headers.get('Authorization')?.match(/^Bearer (\S+)$/)?.[1]
  const token = bearer ? store.tokens.get(bearer) : undefined
  if (!token || token.revoked || token.expiresAt <= kit.now()) {
    return oauthError(401, 'invalid_token', 'Invalid access token')
  }
  return store.poses.get(token.posId)!
}
