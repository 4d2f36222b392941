/**
 * @module What each error code means and what to do about it: the page at `/docs/errors` and the
 * `docUrl` of every error answer point here. Typed by the closed list of codes, so a new code
 * cannot ship without its explanation.
 */
import type { ErrorCode } from '../errors'

export const ERROR_HELP: Record<ErrorCode, string> = {
  invalid_json:
    'The body is not valid JSON (or not JSON at all). Send `Content-Type: application/json` and a well-formed body.',
  invalid_request:
    'A field is missing, has the wrong type or an impossible value. `details` lists each field (`path`) with what is wrong; the message repeats the first ones.',
  unauthorized:
    'No credentials, or credentials this gateway did not issue or no longer accepts (a revoked API key, a forged or malformed token). Send `Authorization: Bearer <access token or API key>`.',
  token_expired:
    'The access token was genuine but is older than 15 minutes. Exchange your refresh token for a new pair with `POST /v1/auth/refresh`, then repeat the request.',
  invalid_credentials: 'The username or password is wrong. Repeated failures lock the account.',
  invalid_refresh_token:
    'The refresh token is unknown, expired or already used. A used token also revokes its whole family: sign in again with `POST /v1/auth/login`.',
  forbidden:
    'You are signed in but may not do this: an administrator-only route, an API key on a route that needs a signed-in user, or a test API key asking for live payments (and the other way round).',
  registration_closed:
    'The first user already exists. The administrator creates further tenants with `POST /v1/auth/create-tenant`.',
  account_suspended:
    'The gateway administrator suspended your tenant or your user: its access tokens, refresh tokens and API keys are refused, and signing in is too. Ask the administrator.',
  not_found:
    'No such object for your tenant. Objects of other tenants answer the same way, so their existence is never revealed.',
  route_not_found: 'No route has this method and path. `GET /openapi.json` lists every route.',
  provider_not_found:
    'The provider id is not one the gateway speaks. `GET /v1/providers` lists them.',
  method_not_allowed: 'The route exists but not with this HTTP method.',
  username_taken: 'Another user already has this username; choose another.',
  idempotency_in_flight:
    'A request with the same `Idempotency-Key` is still being processed. Wait and repeat it: you will get its answer.',
  invalid_transition:
    'The payment is not in a state that allows this (a cancel after a refund started, a capture of a captured payment). Read the payment and act on its `status`.',
  rotation_in_progress:
    'The previous secret (of a webhook endpoint, or your callback secret) still signs next to the new one; rotate again after the time in `details.previousSecretExpiresAt`.',
  notification_in_progress:
    'The same provider notification is being applied right now; the provider may repeat it later.',
  version_conflict:
    'Someone stored a change after the version you edited. Read the current version, apply your change to it, and send it with that `version`.',
  payload_too_large: 'The body is larger than the gateway accepts; the message says the limit.',
  unsupported_media_type: 'Send the body as `application/json`.',
  weak_password:
    'The password is too short or too long, commonly used, or contains the username. The message says which; a passphrase of a few words works well.',
  missing_config_key:
    'A credential the provider needs is missing. The message names it; `GET /v1/providers` lists every key of every provider.',
  unknown_config_key:
    'The provider does not take this credential key. Check its spelling against `GET /v1/providers`.',
  invalid_config_value:
    'A credential has the wrong format (a Stripe key that is not `sk_…`, a merchant code with letters). The message says which and why.',
  invalid_origin:
    'A callback origin must be `scheme://host[:port]` with no path, query or fragment.',
  callback_url_not_allowed:
    'The `callbackUrl` is not on one of your allowed callback origins. Add its origin with `PUT /v1/config/callback-origins` (http://localhost is allowed for test payments only).',
  invalid_webhook_url:
    'Webhook endpoints must be public https URLs; http://localhost is allowed for test endpoints only. `details` says what is wrong.',
  idempotency_key_reused:
    'This `Idempotency-Key` was already used with a different body. Use a new key for a new request.',
  provider_not_configured:
    'The tenant has no credentials for this provider in this environment. Store them with `POST /v1/config/tenant`.',
  environment_not_supported:
    'The provider has no such environment: the built-in sandbox is test only.',
  risk_blocked:
    'Your risk rules refused the payment before any provider saw it. `details.reasons` lists the signals and their points, `details.score` the total. Adjust the rules or block lists with `PUT /v1/config/risk` if the shopper is genuine.',
  limit_reached:
    'You already have as many of these as a tenant may have in this mode (the message says the cap). Delete or revoke one you no longer use, then create the new one.',
  not_supported:
    "The provider cannot do this (a partial refund with Papara, a capture with PayTR). `GET /v1/providers` shows each provider's capabilities.",
  refund_exceeds_captured:
    'The refund is larger than what is left to refund. The payment shows `capturedAmount` and `refundedAmount`.',
  provider_rejected:
    "The provider refused the operation. The message carries the provider's reason and code.",
  rate_limited:
    'Too many requests for your tenant. Wait the seconds in `Retry-After`; `RateLimit-*` headers show what is left.',
  account_locked:
    'Too many failed sign-ins for this username or address. Wait until the time given in `Retry-After`.',
  internal_error:
    'Something failed on our side. Nothing was half-written; repeat the request with the same `Idempotency-Key`. The `requestId` helps the operator find it.',
  provider_error:
    'The provider did not answer usably (a timeout, a 5xx). For payments the gateway answers 202 `processing` instead where money may have moved; here nothing happened, and you may repeat the request.',
  service_not_configured:
    'The gateway itself is missing part of its deployment: a secret (`CONFIG_ENCRYPTION_KEY`; `GET /health` says which, and the operator sets it with `wrangler secret put`), or, for `GET /openapi.json`, the API description among its static assets (`npm install` copies it there).',
  temporarily_unavailable:
    "A part of the gateway that must answer before anything happens (the tenant's rate and idempotency guard) did not. Nothing was done and no provider was called: retry after `Retry-After` seconds, with the same `Idempotency-Key`.",
  config_invalid:
    "One of the gateway's settings (a var in `wrangler.jsonc` or the environment) has a value it cannot use. The message and `GET /health` name the var and say why; the operator fixes it and redeploys.",
}
