/**
 * @module The forms of each Paynkolay service, with the fields `hashDatav2` covers in the
 * documented order (paynkolay/paynkolay-api-spec `openapi.yaml`, each operation's
 * "Hash computation"). Card data goes only into the Payment form, never into a log or a page.
 */
import type { CreatePaymentInput } from '../types'
import type { NkolaySettings, SignedForm } from './client'
import { turkishMobileOf } from './mapping'

const optional = (name: string, value: string | undefined): [string, string][] =>
  value ? [[name, value]] : []

export interface PaymentWire {
  amount: string
  currencyNumber: string
  rnd: string
  successUrl: string
  failUrl: string
}

/** `/Vpos/v1/Payment`: hash `sx|clientRefCode|amount|successUrl|failUrl|rnd|csCustomerKey|secret`. */
export function paymentForm(
  settings: NkolaySettings,
  input: CreatePaymentInput & { card: NonNullable<CreatePaymentInput['card']> },
  wire: PaymentWire
): SignedForm {
  const { card, customer } = input
  return {
    fields: [
      ['sx', settings.sx],
      ['clientRefCode', input.paymentId],
      ['successUrl', wire.successUrl],
      ['failUrl', wire.failUrl],
      ['amount', wire.amount],
      ['installmentNo', String(input.installmentCount ?? 1)],
      ['cardHolderName', card.holderName],
      ['month', String(card.expiryMonth).padStart(2, '0')],
      ['year', String(card.expiryYear)],
      ['cvv', card.cvv],
      ['cardNumber', card.number],
      ['use3D', input.threeDS ? 'true' : 'false'],
      ['transactionType', input.capture ? 'SALES' : 'PRESALES'],
      ['rnd', wire.rnd],
      ['environment', 'API'],
      ['currencyNumber', wire.currencyNumber],
      ['namesurname', `${customer.name} ${customer.surname}`.trim()],
      ['email', customer.email],
      ...optional('phone', turkishMobileOf(customer.phoneNumber)),
      ...optional('cardHolderIP', customer.ipAddress),
      ...optional('description', input.description),
    ],
    // No card storage: csCustomerKey is sent empty (hashed as "").
    signed: ['sx', 'clientRefCode', 'amount', 'successUrl', 'failUrl', 'rnd', 'csCustomerKey'],
  }
}

/** `/Vpos/Payment/PaymentList` with the sx-list token: `sx|startDate|endDate|clientRefCode|secret`. */
export const listForm = (
  settings: NkolaySettings,
  window: { startDate: string; endDate: string },
  clientRefCode: string
): SignedForm => ({
  fields: [
    ['sx', settings.sxList],
    ['startDate', window.startDate],
    ['endDate', window.endDate],
    ['clientRefCode', clientRefCode],
  ],
  signed: ['sx', 'startDate', 'endDate', 'clientRefCode'],
})

/**
 * `/Vpos/v1/CancelRefundPayment` with sx-cancel: `sx|referenceCode|type|amount|trxDate|secret`.
 * `type`: cancel (the sale's day, all of it), refund (all of it later), refundp (part of it later:
 * paynkolay.com.tr/entegrasyon/en/09-cancel-refund-payment; the spec's enum lists only cancel and
 * refund). The hash covers `type`, so it is signed as sent.
 */
export type CancelRefundType = 'cancel' | 'refund' | 'refundp'

export const cancelRefundForm = (
  settings: NkolaySettings,
  order: { referenceCode: string; type: CancelRefundType; amount: string; trxDate: string }
): SignedForm => ({
  fields: [
    ['sx', settings.sxCancel],
    ['referenceCode', order.referenceCode],
    ['type', order.type],
    ['amount', order.amount],
    ['trxDate', order.trxDate],
  ],
  signed: ['sx', 'referenceCode', 'type', 'amount', 'trxDate'],
})

/** Same-day partial refund (official postman, "Aynı Gün İade Servisi"): `sx|referenceCode|refundAmount|secret`. */
export const partialRefundForm = (
  settings: NkolaySettings,
  order: { referenceCode: string; refundAmount: string }
): SignedForm => ({
  fields: [
    ['sx', settings.sxCancel],
    ['referenceCode', order.referenceCode],
    ['refundAmount', order.refundAmount],
  ],
  signed: ['sx', 'referenceCode', 'refundAmount'],
})

/** PreAuthorizationAprove: `sx|trxDate|amount|referenceCode|secret`, `transactionType=SALE`. */
export const preAuthApproveForm = (
  settings: NkolaySettings,
  order: { referenceCode: string; amount: string; trxDate: string }
): SignedForm => ({
  fields: [
    ['sx', settings.sx],
    ['amount', order.amount],
    ['referenceCode', order.referenceCode],
    ['trxDate', order.trxDate],
    ['transactionType', 'SALE'],
  ],
  signed: ['sx', 'trxDate', 'amount', 'referenceCode'],
})

/** PreAuthorizationCancel: `sx|trxDate|amount|referenceCode|transactionType|secret`, type `cancel`. */
export const preAuthCancelForm = (
  settings: NkolaySettings,
  order: { referenceCode: string; amount: string; trxDate: string }
): SignedForm => ({
  fields: [
    ['sx', settings.sx],
    ['amount', order.amount],
    ['referenceCode', order.referenceCode],
    ['trxDate', order.trxDate],
    ['transactionType', 'cancel'],
  ],
  signed: ['sx', 'trxDate', 'amount', 'referenceCode', 'transactionType'],
})
