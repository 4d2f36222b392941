/** @module The risk score's shapes in the API: on a payment, in a `risk_blocked` error, and the rules. */

import { RISK_REASON_CODES } from '../risk/score'
import * as z from './openapi-zod'

export const RiskReason = z
  .object({
    code: z.enum(RISK_REASON_CODES as [string, ...string[]]),
    points: z.number().int(),
    message: z.string(),
  })
  .openapi('RiskReason')

export const PaymentRisk = z
  .object({
    score: z.number().int().min(0).max(100),
    decision: z.enum(['allow', 'challenge', 'review']).openapi({
      description:
        '`challenge`: 3-D Secure was required; `review`: authorized only and held until `POST …/review`.',
    }),
    reasons: z.array(RiskReason),
    rulesVersion: z
      .number()
      .int()
      .openapi({ description: 'The version of your rules that scored it.' }),
    captureOnApproval: z.boolean().optional().openapi({
      description:
        'A held payment is captured when approved (it was created with `capture: true`).',
    }),
    review: z.object({ decision: z.enum(['approve', 'reject']), at: z.string() }).optional(),
  })
  .openapi('PaymentRisk')
