/** @module Who is calling: the result of authentication, carried on the request context. */
import type { Environment } from '../providers/types'

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

/** Production payments belong to live mode, test payments to test mode. */
export const modeOfEnvironment = (environment: Environment): Mode =>
  environment === 'production' ? 'live' : 'test'

export const environmentOfMode = (mode: Mode): Environment =>
  mode === 'live' ? 'production' : 'test'

/** Whether the caller may see objects of this mode: an API key only its own, a user both. */
export const actsIn = (principal: Pick<Principal, 'mode'>, mode: Mode) =>
  principal.mode === 'any' || principal.mode === mode

/** The one mode an API key is confined to; undefined for a signed-in user. */
export const confinedMode = (principal: Pick<Principal, 'mode'>): Mode | undefined =>
  principal.mode === 'any' ? undefined : principal.mode
