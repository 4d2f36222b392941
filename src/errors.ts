/**
 * @module The one error type of the gateway, thrown by use cases and routes alike and answered by
 * the HTTP layer. Codes are a closed list and part of the API: never rename one. Every error body is `{ success: false, error: { code, message, requestId, docUrl,
 * details? } }`; `docUrl` leads to the code's explanation at `/docs/errors`.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_request: 400,
  unauthorized: 401,
  token_expired: 401,
  invalid_credentials: 401,
  invalid_refresh_token: 401,
  forbidden: 403,
  registration_closed: 403,
  account_suspended: 403,
  not_found: 404,
  route_not_found: 404,
  provider_not_found: 404,
  method_not_allowed: 405,
  username_taken: 409,
  idempotency_in_flight: 409,
  invalid_transition: 409,
  rotation_in_progress: 409,
  notification_in_progress: 409,
  version_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  weak_password: 422,
  missing_config_key: 422,
  unknown_config_key: 422,
  invalid_config_value: 422,
  invalid_origin: 422,
  callback_url_not_allowed: 422,
  invalid_webhook_url: 422,
  idempotency_key_reused: 422,
  provider_not_configured: 422,
  environment_not_supported: 422,
  not_supported: 422,
  refund_exceeds_captured: 422,
  provider_rejected: 422,
  risk_blocked: 422,
  limit_reached: 422,
  rate_limited: 429,
  account_locked: 429,
  internal_error: 500,
  provider_error: 502,
  service_not_configured: 503,
  config_invalid: 503,
  temporarily_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof ERROR_STATUS

export const ERROR_DOCS_PATH = '/docs/errors'

export const errorDocUrl = (appUrl: string, code: ErrorCode) =>
  `${appUrl.replace(/\/+$/, '')}${ERROR_DOCS_PATH}#${code}`

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[]

export interface ErrorBody {
  success: false
  error: {
    code: ErrorCode
    message: string
    requestId: string
    docUrl: string
    details?: unknown
  }
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: ContentfulStatusCode

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Retry-After` on 429 and 503. */
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.status = ERROR_STATUS[code]
  }

  /** `appUrl`: the gateway's public base URL, where `/docs/errors` is served. */
  toBody(requestId: string, appUrl: string): ErrorBody {
    const error: ErrorBody['error'] = {
      code: this.code,
      message: this.message,
      requestId,
      docUrl: errorDocUrl(appUrl, this.code),
    }
    if (this.details !== undefined) error.details = this.details
    return { success: false, error }
  }
}
