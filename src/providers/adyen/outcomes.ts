/**
 * @module Adyen's answers as the gateway's outcomes: a `/payments` or `/payments/details` answer
 * by its `resultCode`, a modification's `received` as `accepted`, and Adyen's errors.
 * Docs: https://docs.adyen.com/online-payments/build-your-integration/payment-result-codes
 */
import { DECLINE_MESSAGES } from '../../domain/decline-codes'
import type { OperationOutcome, PaymentOutcome } from '../types'
import { type AdyenAnswer, describeError } from './client'
import { fromAdyenValue, RESULT_KIND } from './mapping'
import { encodeStoredMethod, type StoredMethodType, storedMethodFrom } from './recurring-token'
import { declineOf } from './refusal-reasons'
import { ModificationResponse, PaymentResponse } from './wire'

/** How the payment was asked to capture: known at creation, read back from Adyen afterwards. */
export type CaptureMode = 'automatic' | 'manual'

/**
 * A payment created with `capture: false` carries `metadata.captureMode = manual`; Adyen returns
 * metadata as `additionalData["metadata.<key>"]`. Without it the payment is Adyen's default,
 * captured on authorisation.
 */
export const captureModeIn = (additionalData: Record<string, string> | undefined): CaptureMode =>
  additionalData?.['metadata.captureMode'] === 'manual' ? 'manual' : 'automatic'

export interface AnswerContext {
  capture: CaptureMode
  /** Where a stored method is kept when the answer names none: the payment's own reference. */
  stored?: { shopperReference: string; type: StoredMethodType }
}

const processingError = (message: string, providerPaymentId?: string): PaymentOutcome => ({
  kind: 'declined',
  declineCode: 'processing_error',
  message,
  ...(providerPaymentId ? { providerPaymentId } : {}),
})

export function outcomeOfPaymentResponse(
  response: PaymentResponse,
  context: AnswerContext
): PaymentOutcome {
  const psp = response.pspReference
  switch (RESULT_KIND[response.resultCode]) {
    case 'authorised':
    case 'partially_authorised':
    case 'success': {
      if (!psp) return { kind: 'unknown', reason: 'authorised_without_psp_reference' }
      const captured =
        response.resultCode !== 'PartiallyAuthorised' && context.capture === 'automatic'
      const stored = context.stored && storedMethodFrom(response.additionalData, context.stored)
      const amountMinor =
        response.amount && fromAdyenValue(response.amount.value, response.amount.currency)
      return {
        kind: 'succeeded',
        status: captured || response.resultCode === 'Success' ? 'successful' : 'authorized',
        providerPaymentId: psp,
        ...(amountMinor !== undefined ? { amountMinor } : {}),
        ...(response.amount ? { currency: response.amount.currency } : {}),
        ...(stored ? { recurringToken: encodeStoredMethod(stored) } : {}),
      }
    }
    case 'refused':
    case 'error': {
      const declineCode = declineOf({
        resultCode: response.resultCode === 'Error' ? 'Error' : 'Refused',
        code: response.refusalReasonCode,
        reason: response.refusalReason,
      })
      return {
        kind: 'declined',
        declineCode,
        // Adyen asks not to show refusal reasons to shoppers; the code travels as providerCode.
        message: DECLINE_MESSAGES[declineCode],
        providerCode: response.refusalReasonCode ?? response.resultCode,
        ...(psp ? { providerPaymentId: psp } : {}),
      }
    }
    case 'cancelled':
      return { kind: 'cancelled', ...(psp ? { providerPaymentId: psp } : {}) }
    case 'action': {
      const action = response.action
      const method = (action?.method ?? 'GET').toUpperCase()
      if (action?.type === 'redirect' && action.url && method === 'GET') {
        return { kind: 'pending', redirectUrl: action.url, providerPaymentId: psp ?? null }
      }
      return processingError(
        `Adyen asked for a ${action?.type ?? 'shopper'} action the gateway cannot hand to a browser.`,
        psp
      )
    }
    case 'awaiting':
      // Adyen decides later and says so in the AUTHORISATION webhook.
      return { kind: 'unknown', reason: `adyen_${response.resultCode.toLowerCase()}` }
    case 'not_authorised':
      return processingError('Adyen ran authentication only; no payment was authorised.', psp)
  }
}

/** A `/payments` or `/payments/details` call's answer, whatever came back. */
export function outcomeOfPaymentAnswer(
  answer: AdyenAnswer,
  context: AnswerContext
): PaymentOutcome {
  switch (answer.kind) {
    case 'unknown':
      return { kind: 'unknown', reason: answer.reason }
    case 'not_configured':
      return processingError(answer.reason)
    case 'error':
      return {
        ...processingError(describeError(answer.status, answer.error)),
        ...(answer.error.errorCode ? { providerCode: answer.error.errorCode } : {}),
      }
    case 'ok': {
      const parsed = PaymentResponse.safeParse(answer.json)
      // A 200 Adyen answer we cannot read may still be an authorisation: leave it open.
      return parsed.success
        ? outcomeOfPaymentResponse(parsed.data, context)
        : { kind: 'unknown', reason: 'unreadable_answer' }
    }
  }
}

/** Captures, cancels and refunds: Adyen only acknowledges them (`received`); a webhook settles. */
export function outcomeOfModificationAnswer(answer: AdyenAnswer): OperationOutcome {
  switch (answer.kind) {
    case 'unknown':
      return { kind: 'unknown', reason: answer.reason }
    case 'not_configured':
      return { kind: 'rejected', reason: answer.reason }
    case 'error':
      return {
        kind: 'rejected',
        reason: describeError(answer.status, answer.error),
        ...(answer.error.errorCode ? { providerCode: answer.error.errorCode } : {}),
      }
    case 'ok': {
      const parsed = ModificationResponse.safeParse(answer.json)
      return parsed.success
        ? { kind: 'accepted', providerReference: parsed.data.pspReference }
        : { kind: 'accepted' }
    }
  }
}
