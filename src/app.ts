/**
 * @module The whole HTTP application: every route module, and the OpenAPI document describing
 * them. A running Worker builds it only for the paths no smaller route group covers
 * (`src/http/route-groups.ts`); tests and `npm run generate` use it whole.
 */

import { registerMerchantWebhooks } from '#document-only'
import { configOf } from './env'
import { declareAccess } from './http/access'
import { buildApp } from './http/app-shell'
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

export function createApp() {
  const app = buildApp([
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
    sandboxRoutes,
    docsRoutes,
    errorDocsRoutes,
    demoRoutes,
    dashboardRoutes,
  ])

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
  return app
}
