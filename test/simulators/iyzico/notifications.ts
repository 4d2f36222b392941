/**
 * @module iyzico's webhooks to the URL of the merchant panel (https://docs.iyzico.com/en/advanced/webhook;
 * iyzico/iyzipay-php@168839f `samples/webhook_Signature_Validation.php`), signed with
 * `X-IYZ-SIGNATURE-V3`: the direct format (API and 3-D Secure payments) signs
 * `secretKey + iyziEventType + paymentId + paymentConversationId + status`, the checkout form
 * format `secretKey + iyziEventType + iyziPaymentId + token + paymentConversationId + status`,
 * both HMAC-SHA256 keyed with the secret key, hex. Sent when the payment attempt ends, as iyzico
 * does some seconds later.
 */
import type { SimulatorKit } from '../kit/types.ts'
import type { CheckoutForm, IyzicoStore, Merchant, Payment } from './store.ts'
import { hmacHex } from './wire.ts'

export interface Sim {
  kit: SimulatorKit
  store: IyzicoStore
  base: string
}

export const SIGNATURE_HEADER = 'X-IYZ-SIGNATURE-V3'

async function send(sim: Sim, merchant: Merchant, body: Record<string, unknown>, signed: string) {
  if (!merchant.notificationUrl) return
  await sim.kit.notify(merchant.merchantId, {
    method: 'POST',
    url: merchant.notificationUrl,
    headers: {
      'Content-Type': 'application/json',
      [SIGNATURE_HEADER]: hmacHex(merchant.secretKey, `${merchant.secretKey}${signed}`),
    },
    body: JSON.stringify(body),
  })
}

/** `API_AUTH`, `THREE_DS_AUTH`, `THREE_DS_CALLBACK`: the direct format. */
export function notifyPayment(
  sim: Sim,
  merchant: Merchant,
  payment: Payment,
  eventType: 'API_AUTH' | 'THREE_DS_AUTH' | 'THREE_DS_CALLBACK',
  status: string
) {
  const body = {
    paymentConversationId: payment.conversationId,
    merchantId: Number(merchant.merchantId),
    paymentId: Number(payment.paymentId),
    status,
    iyziReferenceCode: sim.store.newReference(),
    iyziEventType: eventType,
    iyziEventTime: sim.kit.now(),
    iyziPaymentId: Number(payment.paymentId),
  }
  return send(
    sim,
    merchant,
    body,
    `${eventType}${payment.paymentId}${payment.conversationId}${status}`
  )
}

/** `CHECKOUT_FORM_AUTH`: the hosted page format, with the form's token. */
export function notifyCheckoutForm(
  sim: Sim,
  merchant: Merchant,
  form: CheckoutForm,
  payment: Payment
) {
  const eventType = 'CHECKOUT_FORM_AUTH'
  const body = {
    paymentConversationId: form.conversationId,
    merchantId: Number(merchant.merchantId),
    token: form.token,
    status: payment.status,
    iyziReferenceCode: sim.store.newReference(),
    iyziEventType: eventType,
    iyziEventTime: sim.kit.now(),
    iyziPaymentId: Number(payment.paymentId),
  }
  return send(
    sim,
    merchant,
    body,
    `${eventType}${payment.paymentId}${form.token}${form.conversationId}${payment.status}`
  )
}
