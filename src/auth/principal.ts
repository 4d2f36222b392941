/** @module Who is calling: the result of authentication, carried on the request context. */

export type Role = 'admin' | 'tenant'

/** `test` or `live` for API keys; access tokens of a signed-in user may act in both. */
export type Mode = 'test' | 'live'

export interface Principal {
  tenantId: string
  role: Role
  /** The user behind an access token, or the API key's id. */
  subject: string
  via: 'access_token' | 'api_key'
  mode: Mode | 'any'
}
