/**
 * @module Building blocks for route definitions: JSON bodies, success and error responses, and the
 * router factory whose validation hook turns zod failures into our 400 `invalid_request`.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { EXAMPLE_APP_URL, EXAMPLE_REQUEST_ID } from '#document-only'
import type { AppEnv } from '../env'
import { ApiError, ERROR_CODES } from '../errors'
import * as z from './openapi-zod'

export const ErrorResponse = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.enum(ERROR_CODES).openapi({ description: 'Stable, machine-readable error code.' }),
      message: z.string(),
      requestId: z.string().openapi({ example: EXAMPLE_REQUEST_ID }),
      docUrl: z.url().openapi({
        description: 'Where this code is explained, with what to do about it.',
        example: `${EXAMPLE_APP_URL}/docs/errors#token_expired`,
      }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error', {
    example: {
      success: false,
      error: {
        code: 'invalid_request',
        message: 'Invalid request: amount has too many decimals: TRY allows 2 decimals.',
        requestId: EXAMPLE_REQUEST_ID,
        docUrl: `${EXAMPLE_APP_URL}/docs/errors#invalid_request`,
        details: [{ path: 'amount', message: 'has too many decimals: TRY allows 2 decimals' }],
      },
    },
  })

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorResponse } },
})

/** The error answers every route may give; routes add their specific ones. */
export const commonErrors = {
  400: errorResponse(
    'Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`).'
  ),
  401: errorResponse(
    'Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`).'
  ),
  403: errorResponse(
    'Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`).'
  ),
  429: errorResponse('Too many requests; see `Retry-After` (`rate_limited`).'),
  503: errorResponse('The gateway is not configured (`service_not_configured`).'),
} as const

/**
 * What Swagger UI and the Postman collection show of a JSON body: one example, or several by name
 * where one operation takes or answers different shapes (Swagger UI offers a choice).
 */
export type Examples<T> =
  | { example: T }
  | { examples: Record<string, { summary: string; value: T }> }

export const jsonBody = <T extends z.ZodType>(schema: T, examples?: Examples<z.input<T>>) => ({
  required: true,
  content: { 'application/json': { schema, ...examples } },
})

export const jsonResponse = <T extends z.ZodType>(
  schema: T,
  description: string,
  examples?: Examples<z.input<T>>
) => ({
  description,
  content: { 'application/json': { schema, ...examples } },
})

/** The cursor of the next page: the last id of a full page (ids sort by creation time). */
/** An ISO 8601 time with its offset, in a query string; milliseconds once parsed. */
export const isoTime = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text))

export const nextCursorOf = (rows: readonly { id: string }[], limit: number) =>
  rows.length === limit ? rows.at(-1)!.id : null

/** Flattens zod issues into `{ path, message }` pairs, the `details` of a validation error. */
export const issueDetails = (error: z.ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))

/** The first problems in one sentence, so the message alone says what to fix. */
function summarize(details: { path: string; message: string }[]) {
  // Our own messages continue the field name ("amount has too many decimals"); zod's stand alone.
  const shown = details
    .slice(0, 3)
    .map((d) =>
      !d.path
        ? d.message
        : /^[a-z]/.test(d.message)
          ? `${d.path} ${d.message}`
          : `${d.path}: ${d.message}`
    )
  const more = details.length > shown.length ? ` (and ${details.length - shown.length} more)` : ''
  return `Invalid request: ${shown.join('; ')}${more}.`
}

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const details = issueDetails(result.error)
        throw new ApiError('invalid_request', summarize(details), details)
      }
    },
  })
}
