/**
 * @module PayU's row of the conformance matrix: a hosted page (no card data) paid in PLN, status
 * by `GET /api/v2_1/orders/{orderId}`, MD5-signed notifications under the POS's second key. The
 * simulator's POS holds paid orders (auto-receive off), so `capture: false` payments are
 * authorizations and the adapter captures the others.
 */
import { callbackUrl } from './harness'
import type { ConformanceProfile } from './types'

export const payuProfile: ConformanceProfile = {
  provider: 'payu',
  amount: '100.00',
  currency: 'PLN',
  redirect: { callbackUrl },
  queriesStatus: true,
  // PayU cannot be asked by extOrderId, and no notification comes for a NEW order nobody saw:
  // the gateway fails the payment once it expires.
  lostCreate: { settledBy: 'reconciliation', status: 'failed' },
  // A 5xx after the request left may have created the order: unknown, 202 processing.
  createServerError: 202,
  // The matrix already moved the notification to another payment: the signature no longer holds.
  forge: (genuine) => genuine,
  forgedStatus: 401,
}
