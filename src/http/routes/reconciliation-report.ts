/**
 * @module `/v1/reports/reconciliation`: what the gateway and its providers may disagree about, for
 * the caller's tenant, newest first (payments whose state differs from the provider's last word,
 * payments stuck without an answer, refunds still processing), and `…/requery` to ask the
 * providers again now, as the cron would. A requery costs one status query per item asked.
 */

import { EXAMPLE_IDS, EXAMPLE_REQUEST_ID } from '#document-only'
import { actsIn, modeOfEnvironment } from '../../auth/principal'
import { findPayment, type PaymentRow, type RefundRow } from '../../db/repos/payments'
import { isId } from '../../domain/ids'
import { toMajorNumber } from '../../domain/money'
import { PAYMENT_STATUSES } from '../../domain/payment-status'
import { ApiError } from '../../errors'
import { ENVIRONMENTS } from '../../providers/types'
import {
  decodeCursor,
  type Finding,
  REPORT_REASONS,
  reconciliationReport,
} from '../../reports/reconciliation'
import { requery } from '../../reports/reconciliation-requery'
import { servicesOf } from '../../services'
import { route } from '../access'
import { tenantGuard } from '../middleware/tenant-guard'
import { commonErrors, createRouter, jsonBody, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'
import { idempotencyHeader, listedEnvironment } from '../payment-api'
import { rateLimited, tenantRateRule } from '../rate-limits'

/** Items one requery asks about at most (payments and refunds together). */
export const MAX_REQUERY_ITEMS = 50

const ReportPayment = z
  .object({
    type: z.literal('payment'),
    paymentId: z.string(),
    provider: z.string(),
    environment: z.enum(ENVIRONMENTS),
    reason: z.enum(REPORT_REASONS).openapi({
      description:
        '`state_mismatch`: the provider last reported another state; `unknown_outcome`: no answer ' +
        'from the provider yet; `stuck_processing`: still open past the reconcile threshold.',
    }),
    status: z.enum(PAYMENT_STATUSES).openapi({ description: "The gateway's status." }),
    providerOutcome: z.string().nullable().openapi({
      description: "Outcome of the latest provider call about the payment's state; null: none.",
    }),
    providerOperation: z.string().nullable(),
    providerReportedAt: z.string().nullable(),
    requestId: z.string().nullable().openapi({
      description: 'The `X-Request-Id` of that call; null when the cron made it.',
    }),
    amount: z.number(),
    amountMinor: z.number().int(),
    currency: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    ageSeconds: z.number().int(),
  })
  .openapi('ReconciliationPayment')

const ReportRefund = z
  .object({
    type: z.literal('refund'),
    refundId: z.string(),
    paymentId: z.string(),
    provider: z.string(),
    environment: z.enum(ENVIRONMENTS),
    status: z.literal('processing'),
    amount: z.number(),
    amountMinor: z.number().int(),
    currency: z.string(),
    createdAt: z.string(),
    ageSeconds: z.number().int(),
  })
  .openapi('ReconciliationRefund')

const ReportItem = z.discriminatedUnion('type', [ReportPayment, ReportRefund])

const lostAnswerExample = {
  type: 'payment' as const,
  paymentId: EXAMPLE_IDS.processingPayment,
  provider: 'sandbox',
  environment: 'test' as const,
  reason: 'unknown_outcome' as const,
  status: 'processing' as const,
  providerOutcome: 'unknown',
  providerOperation: 'create',
  providerReportedAt: '2026-12-07T10:20:00.000Z',
  requestId: EXAMPLE_REQUEST_ID,
  amount: 100.5,
  amountMinor: 10050,
  currency: 'TRY',
  createdAt: '2026-12-07T10:20:00.000Z',
  updatedAt: '2026-12-07T10:20:00.000Z',
  ageSeconds: 900,
}

const refundExample = {
  type: 'refund' as const,
  refundId: EXAMPLE_IDS.refund,
  paymentId: EXAMPLE_IDS.payment,
  provider: 'sandbox',
  environment: 'test' as const,
  status: 'processing' as const,
  amount: 25.5,
  amountMinor: 2550,
  currency: 'TRY',
  createdAt: '2026-12-07T10:12:00.000Z',
  ageSeconds: 1380,
}

const report = route(
  'tenant',
  {
    method: 'get',
    path: '/v1/reports/reconciliation',
    operationId: 'getReconciliationReport',
    tags: ['Reports'],
    summary: 'Payments and refunds the gateway and the provider may disagree about, newest first',
    request: {
      query: z.object({
        environment: z.enum(ENVIRONMENTS).optional().openapi({ example: 'test' }),
        limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ example: 50 }),
        cursor: z
          .string()
          .max(64)
          .optional()
          .openapi({
            description: 'nextCursor of the previous page.',
            example: `1765102500000.${EXAMPLE_IDS.threeDSPayment}`,
          }),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({
          success: z.literal(true),
          data: z.array(ReportItem),
          nextCursor: z.string().nullable(),
        }),
        'A page of the report.',
        { example: { success: true, data: [lostAnswerExample, refundExample], nextCursor: null } }
      ),
      ...commonErrors,
    },
  },
  tenantGuard('status')
)

const RequeryBody = z
  .object({
    paymentIds: z.array(z.string().max(64)).min(1).max(MAX_REQUERY_ITEMS).optional().openapi({
      description: 'These payments only. Absent: every payment on the report (first 50 items).',
    }),
    refunds: z.boolean().optional().openapi({
      description:
        'Also send the processing refunds again. Defaults to true without paymentIds, else false.',
    }),
  })
  .openapi('ReconciliationRequery')

const requeryRoute = route(
  'tenant',
  {
    method: 'post',
    path: '/v1/reports/reconciliation/requery',
    operationId: 'requeryReconciliation',
    tags: ['Reports'],
    summary: 'Ask the providers again about what the report lists (one status query per item)',
    request: {
      headers: idempotencyHeader,
      body: {
        ...jsonBody(RequeryBody, {
          examples: {
            everything: { summary: 'Everything on the report', value: {} },
            chosen: {
              summary: 'Chosen payments, and the processing refunds',
              value: { paymentIds: [EXAMPLE_IDS.processingPayment], refunds: true },
            },
          },
        }),
        required: false,
      },
    },
    responses: {
      202: jsonResponse(
        z.object({
          success: z.literal(true),
          requeried: z.array(z.string()).openapi({ description: 'Payment and refund ids asked.' }),
          changed: z.array(
            z.object({
              paymentId: z.string(),
              refundId: z.string().optional(),
              from: z.string(),
              to: z.string(),
            })
          ),
          unchanged: z.array(z.string()),
          failed: z.array(z.object({ id: z.string(), message: z.string() })),
          ignored: z.array(z.string()).openapi({
            description: 'Ids that are not payments of yours in a mode you act in; never asked.',
          }),
        }),
        'Asked; what changed.',
        {
          example: {
            success: true,
            requeried: [EXAMPLE_IDS.processingPayment, EXAMPLE_IDS.refund],
            changed: [
              { paymentId: EXAMPLE_IDS.processingPayment, from: 'processing', to: 'successful' },
              {
                paymentId: EXAMPLE_IDS.payment,
                refundId: EXAMPLE_IDS.refund,
                from: 'processing',
                to: 'succeeded',
              },
            ],
            unchanged: [],
            failed: [],
            ignored: [],
          },
        }
      ),
      ...commonErrors,
    },
  },
  // The guard's own status query pays for the first item; the handler charges the rest.
  tenantGuard('status', { reserve: 'payment' })
)

const iso = (ms: number) => new Date(ms).toISOString()

function present(finding: Finding, now: number) {
  const ageSeconds = (createdAt: number) => Math.max(0, Math.floor((now - createdAt) / 1000))
  if (finding.type === 'refund') {
    const { refund, payment } = finding
    return {
      type: 'refund' as const,
      refundId: refund.id,
      paymentId: refund.paymentId,
      provider: payment.provider,
      environment: payment.environment,
      status: 'processing' as const,
      amount: toMajorNumber(refund.amountMinor, payment.currency),
      amountMinor: refund.amountMinor,
      currency: payment.currency,
      createdAt: iso(refund.createdAt),
      ageSeconds: ageSeconds(refund.createdAt),
    }
  }
  const { payment, lastCall } = finding
  return {
    type: 'payment' as const,
    paymentId: payment.id,
    provider: payment.provider,
    environment: payment.environment,
    reason: finding.reason,
    status: payment.status,
    providerOutcome: lastCall?.outcome ?? null,
    providerOperation: lastCall?.operation ?? null,
    providerReportedAt: lastCall ? iso(lastCall.at) : null,
    requestId: lastCall?.requestId ?? null,
    amount: toMajorNumber(payment.amountMinor, payment.currency),
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    createdAt: iso(payment.createdAt),
    updatedAt: iso(payment.updatedAt),
    ageSeconds: ageSeconds(payment.createdAt),
  }
}

const reportScope = (services: ReturnType<typeof servicesOf>, tenantId: string) => ({
  tenantId,
  now: services.now(),
  quietMs: services.config.RECONCILE_AFTER_SECONDS * 1000,
  lookbackMs: services.config.PROVIDER_LOG_RETENTION_DAYS * 24 * 60 * 60 * 1000,
})

export const reconciliationReportRoutes = createRouter()
  .openapi(report, async (c) => {
    const q = c.req.valid('query')
    const principal = c.get('principal')
    const services = servicesOf(c.env)
    const cursor = decodeCursor(q.cursor)
    if (q.cursor && !cursor) {
      throw new ApiError('invalid_request', 'cursor is not a nextCursor of this report.', [
        { path: 'cursor', message: 'not a nextCursor of this report' },
      ])
    }
    const scope = {
      ...reportScope(services, principal.tenantId),
      environment: listedEnvironment(principal, q.environment, 'reports'),
    }
    const page = await reconciliationReport(services.db, scope, { cursor, limit: q.limit })
    const data = page.findings.map((finding) => present(finding, scope.now))
    return c.json({ success: true as const, data, nextCursor: page.nextCursor }, 200)
  })
  .openapi(requeryRoute, async (c) => {
    const body = c.req.valid('json') ?? {}
    const principal = c.get('principal')
    const services = servicesOf(c.env)
    const { db } = services
    const targets = { payments: [] as PaymentRow[], refunds: [] as RefundRow[] }
    const ignored: string[] = []
    const wantRefunds = body.refunds ?? body.paymentIds === undefined
    let findings: Finding[] = []
    if (body.paymentIds === undefined || wantRefunds) {
      const scope = {
        ...reportScope(services, principal.tenantId),
        environment: listedEnvironment(principal, undefined, 'reports'),
      }
      findings = (await reconciliationReport(db, scope, { limit: MAX_REQUERY_ITEMS })).findings
    }
    if (body.paymentIds === undefined) {
      for (const f of findings) if (f.type === 'payment') targets.payments.push(f.payment)
    } else {
      for (const id of new Set(body.paymentIds)) {
        const payment = isId('payment', id)
          ? await findPayment(db, principal.tenantId, id)
          : undefined
        if (payment && actsIn(principal, modeOfEnvironment(payment.environment)))
          targets.payments.push(payment)
        else ignored.push(id)
      }
    }
    if (wantRefunds)
      for (const f of findings) if (f.type === 'refund') targets.refunds.push(f.refund)
    targets.refunds = targets.refunds.slice(
      0,
      Math.max(0, MAX_REQUERY_ITEMS - targets.payments.length)
    )
    // One status query per item; the guard already charged the first.
    const items = targets.payments.length + targets.refunds.length
    const stub = services.guard(`tenant:${principal.tenantId}`)
    const rule = tenantRateRule(services.config, 'status')
    for (let i = 1; i < items; i++) {
      const decision = await stub.take([rule], services.now())
      if (!decision.allowed)
        throw rateLimited(decision, `Asking about ${items} items exceeds your status query limit.`)
    }
    const keyring = await services.keyring()
    const answer = await requery({ env: c.env, services, keyring, principal }, targets)
    return c.json({ success: true as const, ...answer, ignored }, 202)
  })
