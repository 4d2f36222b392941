/**
 * @module Adyen's standard webhook as the simulator sends it: `{live, notificationItems:
 * [{NotificationRequestItem}]}` to the merchant's configured URL, each item signed with the
 * merchant's HMAC key: base64(HMAC-SHA256(hex-decoded key, pspReference:originalReference:
 * merchantAccountCode:merchantReference:value:currency:eventCode:success)) in
 * `additionalData.hmacSignature` (Adyen/adyen-node-api-library src/utils/hmacValidator.ts).
 * Item shapes follow the per-event examples of Adyen/adyen-openapi json/Webhooks-v1.json.
 */
import { createHmac } from 'node:crypto'
import type { SimulatorKit } from '../kit/types.ts'
import type { Amount, Merchant } from './store.ts'

export interface ItemFields {
  eventCode: string
  success: boolean
  pspReference: string
  originalReference?: string
  merchantReference: string
  amount: Amount
  paymentMethod?: string
  reason?: string
  additionalData?: Record<string, string>
  /** RECURRING_CONTRACT also names the first payment as `originalPsp`. */
  originalPsp?: string
}

export const signItem = (hmacKey: string, fields: ItemFields, merchantAccountCode: string) =>
  createHmac('sha256', Buffer.from(hmacKey, 'hex'))
    .update(
      [
        fields.pspReference,
        fields.originalReference ?? '',
        merchantAccountCode,
        fields.merchantReference,
        String(fields.amount.value),
        fields.amount.currency,
        fields.eventCode,
        String(fields.success),
      ].join(':'),
      'utf8'
    )
    .digest('base64')

export function notificationItem(merchant: Merchant, fields: ItemFields, nowMs: number) {
  return {
    additionalData: {
      ...fields.additionalData,
      hmacSignature: signItem(merchant.hmacKey, fields, merchant.merchantAccount),
    },
    amount: fields.amount,
    eventCode: fields.eventCode,
    eventDate: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    merchantAccountCode: merchant.merchantAccount,
    merchantReference: fields.merchantReference,
    ...(fields.originalReference ? { originalReference: fields.originalReference } : {}),
    ...(fields.originalPsp ? { originalPsp: fields.originalPsp } : {}),
    ...(fields.paymentMethod ? { paymentMethod: fields.paymentMethod } : {}),
    pspReference: fields.pspReference,
    reason: fields.reason ?? '',
    success: String(fields.success),
  }
}

/** Sends one notification (a batch of one item) the moment Adyen would. */
export async function notify(kit: SimulatorKit, merchant: Merchant, fields: ItemFields) {
  if (!merchant.notificationUrl) return
  const body = JSON.stringify({
    live: 'false',
    notificationItems: [{ NotificationRequestItem: notificationItem(merchant, fields, kit.now()) }],
  })
  await kit.notify(merchant.id, {
    method: 'POST',
    url: merchant.notificationUrl,
    headers: { 'Content-Type': 'application/json' },
    body,
  })
}
