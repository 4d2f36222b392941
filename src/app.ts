/**
 * @module The HTTP application: request ids, the configuration check, body limits, every route
 * module, the OpenAPI document, and the one place where errors become `{ success: false, error:
 * { … } }` responses.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { type AppEnv, configOf, configProblemsOf } from './env'
import { ApiError, type ErrorCode } from './errors'
import { declareAccess } from './http/access'
import { noteInternalCaller } from './http/internal-requests'
import { registerMerchantWebhooks } from './http/merchant-webhooks-doc'
import { requestId } from './http/middleware/request-id'
import { securityHeaders } from './http/middleware/security-headers'
import { analyticsRoutes } from './http/routes/analytics'
import { apiKeyRoutes } from './http/routes/api-keys'
import { authRoutes } from './http/routes/auth'
import { callbackOriginRoutes } from './http/routes/callback-origins'
import { callbackRoutes } from './http/routes/callbacks'
import { dashboardRoutes } from './http/routes/dashboard'
import { demoRoutes } from './http/routes/demo'
import { docsRoutes } from './http/routes/docs'
import { errorDocsRoutes } from './http/routes/error-docs'
import { healthRoutes } from './http/routes/health'
import { logRoutes } from './http/routes/logs'
import { paymentHistoryRoutes } from './http/routes/payment-history'
import { paymentRoutes } from './http/routes/payments'
import { providerConfigRoutes } from './http/routes/provider-config'
import { providerRoutes } from './http/routes/providers'
import { reconciliationReportRoutes } from './http/routes/reconciliation-report'
import { recurrenceRoutes } from './http/routes/recurrence'
import { reportRoutes } from './http/routes/reports'
import { riskRoutes } from './http/routes/risk'
import { sandboxRoutes } from './http/routes/sandbox'
import { shopperPageRoutes } from './http/routes/shopper-pages'
import { suspensionRoutes } from './http/routes/suspensions'
import { webhookEndpointRoutes } from './http/routes/webhook-endpoints'
import { webhookRoutes } from './http/routes/webhooks'

const MAX_BODY_BYTES = 64 * 1024

const HTTP_EXCEPTION_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_json',
  401: 'unauthorized',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
}

/**
 * Every route but `/health` answers 503 `config_invalid` while a var is malformed, whether or not
 * it reads that var: a half-working gateway is harder to notice. `/health` reports the problem.
 */
function requireValidConfig(): MiddlewareHandler<AppEnv> {
  return async function requireValidConfigMiddleware(c, next) {
    if (c.req.path !== '/health') configOf(c.env)
    await next()
  }
}

/** The base of error `docUrl`s; relative when APP_URL is malformed, keeping its value out. */
function docsBaseOf(env: Env): string {
  const broken = configProblemsOf(env).some((problem) => problem.var === 'APP_URL')
  return broken ? '' : (env.APP_URL ?? '')
}

function toApiError(error: unknown, c: Context<AppEnv>): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof HTTPException) {
    const code = HTTP_EXCEPTION_CODES[error.status]
    if (code)
      return new ApiError(
        code,
        code === 'invalid_json' ? 'The request body is not valid JSON.' : error.message
      )
  }
  // A bug or an infrastructure failure: log what helps, answer nothing that leaks.
  console.error(
    JSON.stringify({
      event: 'unhandled_error',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error:
        error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error),
    })
  )
  return new ApiError(
    'internal_error',
    'Something went wrong on our side; the request id helps us find it.'
  )
}

export function createApp() {
  const app = new OpenAPIHono<AppEnv>()

  app.use('*', requestId())
  app.use('*', noteInternalCaller())
  app.use('*', requireValidConfig())
  app.use('*', securityHeaders())
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          'payload_too_large',
          `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`
        )
      },
    })
  )

  for (const routes of [
    healthRoutes,
    providerRoutes,
    authRoutes,
    apiKeyRoutes,
    providerConfigRoutes,
    callbackOriginRoutes,
    paymentRoutes,
    paymentHistoryRoutes,
    recurrenceRoutes,
    callbackRoutes,
    shopperPageRoutes,
    webhookEndpointRoutes,
    webhookRoutes,
    logRoutes,
    analyticsRoutes,
    reportRoutes,
    reconciliationReportRoutes,
    riskRoutes,
    suspensionRoutes,
  ]) {
    app.route('/', routes)
  }
  app.route('/', sandboxRoutes)
  app.route('/', docsRoutes)
  app.route('/', errorDocsRoutes)
  app.route('/', demoRoutes)
  app.route('/', dashboardRoutes)

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token from /v1/auth/login, or an API key (`gpk_test_…`, `gpk_live_…`).',
  })
  registerMerchantWebhooks(app.openAPIRegistry)
  declareAccess('GET', '/openapi.json', 'public')
  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'GoPay Edge',
      version: '1.0.0',
      description: 'One API for many payment providers, running on Cloudflare Workers.',
    },
    // Never the request's Host header, which anyone can set.
    servers: [{ url: configOf(c.env).APP_URL }],
  }))

  app.notFound((c) => {
    const error = new ApiError('route_not_found', `No route for ${c.req.method} ${c.req.path}.`)
    return c.json(error.toBody(c.get('requestId'), docsBaseOf(c.env)), error.status)
  })

  app.onError((err, c) => {
    const error = toApiError(err, c)
    return c.json(error.toBody(c.get('requestId'), docsBaseOf(c.env)), error.status, error.headers)
  })

  return app
}
