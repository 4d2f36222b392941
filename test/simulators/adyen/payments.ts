/**
 * @module `POST /payments` (cards with raw card data, the GoPay wallet, stored methods) and
 * `POST /payments/details` of the Checkout API v71.
 * Docs: https://docs.adyen.com/payment-methods/cards/raw-card-data,
 * https://docs.adyen.com/payment-methods/gopay/api-only
 */
import { dropConnection } from '../kit/types.ts'
import { failedModificationOf, refusalOf, THREE_DS2_CARDS, variantOf } from './cards.ts'
import { amountOf, asRecord, asString, internalError, json, validation } from './http.ts'
import { resultBody, type SimContext, settle } from './results.ts'
import { type Merchant, newPspReference, randomHex, type SimPayment } from './store.ts'

const redirectAction = (base: string, payment: SimPayment) => ({
  paymentMethodType: payment.method,
  url:
    payment.method === 'gopay_wallet'
      ? `${base}/checkoutshopper/checkoutPaymentRedirect?redirectData=${payment.redirectToken}`
      : `${base}/checkoutshopper/threeDS/redirect?MD=${payment.redirectToken}`,
  method: 'GET',
  type: 'redirect',
})

function newPayment(
  merchant: Merchant,
  body: Record<string, unknown>,
  method: SimPayment['method']
) {
  const additionalData = asRecord(body.additionalData)
  const store = body.storePaymentMethod === true && asString(body.shopperReference)
  const payment: SimPayment = {
    pspReference: newPspReference(),
    merchantId: merchant.id,
    reference: asString(body.reference)!,
    amount: amountOf(body.amount)!,
    method,
    variant: method,
    returnUrl: asString(body.returnUrl)!,
    manualCapture: additionalData.manualCapture === 'true',
    metadata: Object.fromEntries(
      Object.entries(asRecord(body.metadata)).filter(([, v]) => typeof v === 'string')
    ) as Record<string, string>,
    authorised: false,
    capturedValue: 0,
    refundedValue: 0,
    cancelled: false,
    ...(store
      ? {
          store: {
            shopperReference: store,
            recurringProcessingModel: asString(body.recurringProcessingModel) ?? '',
          },
        }
      : {}),
  }
  return payment
}

/** The request's own problems, in Adyen's validation error shape. */
function invalid(body: Record<string, unknown>): Response | undefined {
  if (!amountOf(body.amount)) return validation('100', 'Required field amount is not provided.')
  if (!asString(body.reference))
    return validation('130', 'Required field reference is not provided.')
  if (!asString(body.returnUrl))
    return validation('14_006', 'Required field returnUrl is not provided.')
  if (body.storePaymentMethod === true) {
    const shopperReference = asString(body.shopperReference) ?? ''
    if (shopperReference.length < 3) return validation('15_001', 'shopperReference is too short.')
    if (!asString(body.recurringProcessingModel))
      return validation('15_002', 'recurringProcessingModel is required to store a payment method.')
  }
  return undefined
}

async function card(
  sim: SimContext,
  merchant: Merchant,
  base: string,
  body: Record<string, unknown>
) {
  const method = asRecord(body.paymentMethod)
  const number = asString(method.number) ?? ''
  const expiryMonth = asString(method.expiryMonth) ?? ''
  const expiryYear = asString(method.expiryYear) ?? ''
  if (!/^\d{2}$/.test(expiryMonth) || !/^\d{4}$/.test(expiryYear))
    return { error: validation('129', 'Expiry date must be MM and YYYY.') }
  const payment = newPayment(merchant, body, 'scheme')
  payment.variant = variantOf(number)
  const holderName = asString(method.holderName)
  payment.failModification = failedModificationOf(holderName)
  sim.store.payments.set(payment.pspReference, payment)
  const refusal = refusalOf(
    { number, expiryMonth, expiryYear, cvc: asString(method.cvc), holderName },
    sim.kit.now()
  )
  if (refusal) {
    await settle(sim, merchant, payment, refusal)
    return { payment }
  }
  const attempt = asString(asRecord(body.authenticationData).attemptAuthentication)
  const challenge = attempt === 'always' || (attempt !== 'never' && THREE_DS2_CARDS.has(number))
  if (challenge) {
    payment.redirectToken = randomHex(16)
    return {
      payment,
      body: {
        pspReference: payment.pspReference,
        resultCode: 'RedirectShopper',
        action: redirectAction(base, payment),
      },
    }
  }
  await settle(sim, merchant, payment, { resultCode: 'Authorised' })
  return { payment }
}

function wallet(sim: SimContext, merchant: Merchant, base: string, body: Record<string, unknown>) {
  if (amountOf(body.amount)!.currency !== 'IDR' || body.countryCode !== 'ID')
    return {
      error: validation('905_1', 'Could not find gopay_wallet in the available payment methods.'),
    }
  const payment = newPayment(merchant, body, 'gopay_wallet')
  payment.redirectToken = randomHex(16)
  sim.store.payments.set(payment.pspReference, payment)
  // The GoPay guide's example answer names no pspReference before the shopper acts.
  return { payment, body: { resultCode: 'RedirectShopper', action: redirectAction(base, payment) } }
}

async function storedMethodCharge(
  sim: SimContext,
  merchant: Merchant,
  base: string,
  body: Record<string, unknown>
) {
  const method = asRecord(body.paymentMethod)
  const stored = sim.store.storedMethods.get(asString(method.storedPaymentMethodId) ?? '')
  if (
    !stored?.active ||
    stored.merchantId !== merchant.id ||
    stored.shopperReference !== body.shopperReference
  )
    return { error: validation('800', 'Contract not found') }
  if (body.shopperInteraction !== 'ContAuth' || !asString(body.recurringProcessingModel))
    return {
      error: validation(
        '15_003',
        'A stored payment method without the shopper needs ContAuth and a recurringProcessingModel.'
      ),
    }
  const payment = newPayment(merchant, body, stored.type)
  payment.variant = stored.variant
  sim.store.payments.set(payment.pspReference, payment)
  if (stored.type === 'gopay_wallet' && body.recurringProcessingModel === 'CardOnFile') {
    // GoPay card-on-file payments go through a PIN challenge.
    payment.redirectToken = randomHex(16)
    return {
      payment,
      body: { resultCode: 'RedirectShopper', action: redirectAction(base, payment) },
    }
  }
  await settle(sim, merchant, payment, { resultCode: 'Authorised' })
  return { payment }
}

export async function createPayment(
  sim: SimContext,
  merchant: Merchant,
  base: string,
  body: Record<string, unknown>,
  idempotencyKey: string | null
) {
  const method = asRecord(body.paymentMethod)
  const recurring = typeof method.storedPaymentMethodId === 'string'
  const fault = sim.kit.fault(merchant.id, recurring ? 'recurring' : 'create')
  if (fault === 'http_500') return internalError()
  const replay = sim.store.answerFor(merchant, idempotencyKey)
  if (replay) return json(replay.body, replay.status, { 'Idempotency-Key': idempotencyKey! })
  const problem = invalid(body)
  if (problem) return problem
  const outcome = recurring
    ? await storedMethodCharge(sim, merchant, base, body)
    : method.type === 'scheme'
      ? await card(sim, merchant, base, body)
      : method.type === 'gopay_wallet'
        ? wallet(sim, merchant, base, body)
        : { error: validation('905', 'Payment details are not supported') }
  if ('error' in outcome) return outcome.error as Response
  const answer = { status: 200, body: outcome.body ?? resultBody(outcome.payment) }
  sim.store.remember(merchant, idempotencyKey, answer)
  if (fault === 'drop') return dropConnection()
  return json(
    answer.body,
    answer.status,
    idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}
  )
}

export function paymentDetails(
  sim: SimContext,
  merchant: Merchant,
  body: Record<string, unknown>,
  idempotencyKey: string | null
) {
  const fault = sim.kit.fault(merchant.id, 'complete')
  if (fault === 'http_500') return internalError()
  const replay = sim.store.answerFor(merchant, idempotencyKey)
  if (replay) return json(replay.body, replay.status, { 'Idempotency-Key': idempotencyKey! })
  const redirectResult = asString(asRecord(body.details).redirectResult)
  if (!redirectResult) return validation('14_018', 'Invalid payload provided')
  const payment = sim.store.paymentByRedirect('redirectResult', redirectResult)
  if (!payment || payment.merchantId !== merchant.id || !payment.result)
    return validation('14_018', 'Invalid payload provided')
  const answer = { status: 200, body: resultBody(payment) }
  sim.store.remember(merchant, idempotencyKey, answer)
  if (fault === 'drop') return dropConnection()
  return json(
    answer.body,
    answer.status,
    idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}
  )
}
