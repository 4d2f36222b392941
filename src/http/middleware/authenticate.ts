/**
 * @module Who is calling: a Bearer access token (JWT) or a Bearer API key (`gpk_…`). Anything else,
 * including a valid-looking token the gateway did not issue, is a 401 with one generic message.
 */
import type { Context } from 'hono'
import { tokenIssuerFor, verifyAccessToken } from '../../auth/access-tokens'
import { authenticateApiKey, looksLikeApiKey } from '../../auth/api-keys'
import type { Principal } from '../../auth/principal'
import type { AppEnv } from '../../env'
import { ApiError } from '../../errors'
import { servicesOf } from '../../services'

/** The scheme name is case-insensitive (RFC 7235 §2.1); the token is not. */
const BEARER = /^[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9._~+/-]+=*) *$/

const unauthorized = (message = 'A valid access token or API key is required.') =>
  new ApiError('unauthorized', message, undefined, {
    'WWW-Authenticate': 'Bearer realm="gopay-edge"',
  })

export async function authenticate(c: Context<AppEnv>): Promise<Principal> {
  const header = c.req.header('Authorization')
  if (!header) throw unauthorized()
  const token = BEARER.exec(header)?.[1]
  if (!token) throw unauthorized('The Authorization header must be `Bearer <token>`.')
  const services = servicesOf(c.env)
  const keyring = await services.keyring()
  const principal = looksLikeApiKey(token)
    ? await authenticateApiKey(services, token)
    : await verifyAccessToken(
        { db: services.db, kv: services.kv, sealingKey: keyring.signingKeys, now: services.now },
        tokenIssuerFor(services.config.APP_URL),
        token
      )
  if (principal === 'expired') {
    throw new ApiError(
      'token_expired',
      'The access token has expired; get a new pair with POST /v1/auth/refresh and your refresh token.',
      undefined,
      { 'WWW-Authenticate': 'Bearer realm="gopay-edge", error="invalid_token"' }
    )
  }
  if (!principal) throw unauthorized('The access token or API key is invalid.')
  return principal
}
