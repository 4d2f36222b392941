/**
 * @module Calls answered with a payment (auth, preauth, postauth, 3-D Secure auth, retrieve,
 * checkout form result): sent, parsed and checked once. A signature that does not hold or an
 * answer about another conversation is unknown: the money may have moved, nothing in the answer
 * is believed. Also the 3-D Secure completion (`/payment/3dsecure/auth`, v1: iyzipay-node
 * `lib/resources/ThreedsPayment.js`), used on the shopper's return and by the status query.
 */
import type { PaymentOutcome, PaymentReference, ProviderContext } from '../types'
import { callIyzico, type Failure } from './client'
import { isRateLimited } from './declines'
import {
  declined,
  outcomeOfPayment,
  paymentSignatureValues,
  signatureHolds,
  UNVERIFIED_ANSWER,
} from './outcomes'
import { retrieveBody, threedsAuthBody } from './requests'
import type { SignedValue } from './signing'
import { PaymentAnswer } from './wire'

export type PaymentCall =
  | { kind: 'answer'; answer: PaymentAnswer; body: Record<string, unknown> }
  | { kind: 'failure'; failure: Failure }
  | { kind: 'unknown'; reason: string }

export async function callForPayment(
  ctx: ProviderContext,
  payment: PaymentReference,
  request: { path: string; body: object },
  signatureValues: (answer: PaymentAnswer) => SignedValue[] = paymentSignatureValues
): Promise<PaymentCall> {
  const result = await callIyzico(ctx, request)
  if (result.kind === 'unknown') return result
  if (result.kind === 'failure') return { kind: 'failure', failure: result.failure }
  const parsed = PaymentAnswer.safeParse(result.body)
  if (!parsed.success) return { kind: 'unknown', reason: 'unexpected iyzico payment answer' }
  const answer = parsed.data
  const secretKey = ctx.config.secretKey ?? ''
  if (!(await signatureHolds(secretKey, answer.signature, signatureValues(answer))))
    return UNVERIFIED_ANSWER
  if (answer.conversationId && answer.conversationId !== payment.paymentId)
    return { kind: 'unknown', reason: 'iyzico answered about another conversation' }
  return { kind: 'answer', answer, body: result.body }
}

/** The payment as `/payment/detail` reports it, by iyzico's id when known. */
export const retrievePayment = (
  ctx: ProviderContext,
  payment: PaymentReference,
  iyzicoPaymentId?: string
) =>
  callForPayment(ctx, payment, {
    path: '/payment/detail',
    body: retrieveBody(ctx, payment, iyzicoPaymentId),
  })

const isBankDecline = (failure: Failure) => /^10\d{3}$/.test(failure.errorCode ?? '')

/** A call iyzico refused for its rate limit: nothing happened, and it is to be made again. */
export const RATE_LIMITED = {
  kind: 'unknown',
  reason: 'iyzico refused the request for its rate limit (50000)',
} as const

/**
 * Completes a 3-D Secure payment whose bank answered `mdStatus` 1. A refusal that is not the
 * bank's may mean the payment was completed already (the shopper's return and a status query
 * racing): the payment is then read back, and a paid one is paid.
 */
export async function completeThreeDS(
  ctx: ProviderContext,
  payment: PaymentReference,
  iyzicoPaymentId: string,
  conversationData?: string
): Promise<PaymentOutcome> {
  const call = await callForPayment(ctx, payment, {
    path: '/payment/3dsecure/auth',
    body: threedsAuthBody(ctx, payment, iyzicoPaymentId, conversationData),
  })
  if (call.kind === 'unknown') return call
  if (call.kind === 'answer') return outcomeOfPayment(call.answer, call.body, payment)
  if (isRateLimited(call.failure)) return RATE_LIMITED
  if (!isBankDecline(call.failure)) {
    const current = await retrievePayment(ctx, payment, iyzicoPaymentId)
    if (current.kind === 'answer' && current.answer.paymentStatus === 'SUCCESS')
      return outcomeOfPayment(current.answer, current.body, payment)
  }
  return declined(call.failure, iyzicoPaymentId)
}
