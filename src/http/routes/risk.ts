/**
 * @module Risk rules and reviews: `GET`/`PUT /v1/config/risk` read and replace the tenant's rules
 * (each change a new version, kept with who made it; the Durable Object that scores payments holds
 * them, so a change applies to the very next payment), and `POST …/{paymentId}/review` approves or
 * rejects a payment the rules held.
 */

import { EXAMPLE_IDS, PAYMENT_EXAMPLES } from '#document-only'
import { ApiError } from '../../errors'
import { presentPayment } from '../../payments/present'
import { reviewPayment } from '../../payments/risk-review'
import { DEFAULT_RISK_RULES } from '../../risk/default-rules'
import { RiskRules } from '../../risk/rules'
import { servicesOf } from '../../services'
import { route } from '../access'
import { tenantGuard } from '../middleware/tenant-guard'
import { commonErrors, createRouter, errorResponse, jsonBody, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'
import { Payment, paymentErrors, paymentIdOf, paymentParamsExample, scopeOf } from '../payment-api'

const StoredRules = z
  .object({
    success: z.literal(true),
    version: z.number().int().openapi({ description: '0 while the defaults apply.' }),
    updatedAt: z.string().nullable(),
    rules: RiskRules,
  })
  .openapi('RiskRuleSet')

const rulesExample = {
  ...DEFAULT_RISK_RULES,
  blockLists: {
    ...DEFAULT_RISK_RULES.blockLists,
    emails: ['@mailinator.com'],
    ips: ['203.0.113.7'],
  },
}

const storedExample = {
  success: true as const,
  version: 3,
  updatedAt: '2026-12-07T09:00:00.000Z',
  rules: rulesExample,
}

const get = route('user', {
  method: 'get',
  path: '/v1/config/risk',
  tags: ['Risk'],
  summary:
    'Your risk rules: thresholds, velocity limits and block lists (the defaults until you change them)',
  responses: {
    200: jsonResponse(StoredRules, 'The rules in force.', { example: storedExample }),
    ...commonErrors,
  },
})

const put = route('user', {
  method: 'put',
  path: '/v1/config/risk',
  tags: ['Risk'],
  summary: 'Replace your risk rules; the next payment is scored with them',
  request: {
    body: jsonBody(
      z
        .object({
          version: z.number().int().min(0).optional().openapi({
            description:
              'The version you edited: a change stored since then makes this a 409 instead of overwriting it.',
          }),
          rules: RiskRules,
        })
        .openapi('PutRiskRulesRequest'),
      { example: { version: 2, rules: rulesExample } }
    ),
  },
  responses: {
    200: jsonResponse(StoredRules, 'The new version.', { example: storedExample }),
    ...commonErrors,
    409: errorResponse('The rules changed since the version you edited (`version_conflict`).'),
  },
})

const review = route(
  'tenant',
  {
    method: 'post',
    path: '/v1/payments/{provider}/{paymentId}/review',
    tags: ['Payments'],
    summary: 'Approve or reject a payment your risk rules held for review',
    request: {
      params: paymentParamsExample('sandbox', EXAMPLE_IDS.heldPayment),
      body: jsonBody(
        z
          .object({
            decision: z.enum(['approve', 'reject']).openapi({
              description:
                '`approve` authorizes it for good and captures it if it was created with `capture: true`; `reject` voids the authorization.',
            }),
          })
          .openapi('ReviewPaymentRequest'),
        { example: { decision: 'approve' } }
      ),
    },
    responses: {
      200: jsonResponse(Payment, 'Decided (the same decision again answers the same way).', {
        examples: {
          approved: { summary: 'Approved and captured', value: PAYMENT_EXAMPLES.approved },
          rejected: {
            summary: 'Rejected: the authorization voided',
            value: PAYMENT_EXAMPLES.rejected,
          },
        },
      }),
      202: jsonResponse(
        Payment,
        'The provider accepted the void and settles it later; a webhook follows.',
        {
          example: {
            ...PAYMENT_EXAMPLES.rejected,
            status: 'review',
            declineCode: undefined,
            message: undefined,
            pendingOperation: { type: 'cancel' },
          },
        }
      ),
      ...paymentErrors,
    },
  },
  tenantGuard('payment')
)

export const riskRoutes = createRouter()
  .openapi(get, async (c) => {
    const stored = await servicesOf(c.env)
      .guard(`tenant:${c.get('principal').tenantId}`)
      .riskRules()
    return c.json(presentRules(stored), 200)
  })
  .openapi(put, async (c) => {
    const { version, rules } = c.req.valid('json')
    const { guard, now } = servicesOf(c.env)
    const principal = c.get('principal')
    const stored = await guard(`tenant:${principal.tenantId}`).putRiskRules(
      rules,
      version,
      principal.subject,
      now()
    )
    if ('conflict' in stored) {
      throw new ApiError(
        'version_conflict',
        `The rules are at version ${stored.conflict} now; read them again and apply your change to that.`,
        { version: stored.conflict }
      )
    }
    return c.json(presentRules(stored), 200)
  })
  .openapi(review, async (c) => {
    const { provider, paymentId } = c.req.valid('param')
    const result = await reviewPayment(
      await scopeOf(c, provider),
      paymentIdOf(paymentId),
      c.req.valid('json').decision,
      c.get('principal').subject
    )
    return c.json(presentPayment(result.payment), result.accepted ? 202 : 200)
  })

const presentRules = (stored: { version: number; rules: RiskRules; updatedAt: number | null }) => ({
  success: true as const,
  version: stored.version,
  updatedAt: stored.updatedAt === null ? null : new Date(stored.updatedAt).toISOString(),
  rules: stored.rules,
})
