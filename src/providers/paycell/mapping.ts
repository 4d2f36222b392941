/**
 * @module How Paycell's words map to the gateway's, and the one place amounts change units.
 * Docs: https://paycell.com.tr/paycell-api (provision, inquire, reverse, refund, error codes);
 * samples: paycelldev/paycell-api-php @599eb8b, paycelldev/paycell-api-nodejs @8cef6c8.
 */

import { sha256Hex } from '../../crypto/hash'
import type { DeclineCode } from '../../domain/decline-codes'

/** Paycell takes TRY, EUR and USD (provision `currency`). */
export const PAYCELL_CURRENCIES = ['TRY', 'EUR', 'USD'] as const

export const isPaycellCurrency = (currency: string) =>
  (PAYCELL_CURRENCIES as readonly string[]).includes(currency)

/** "Son 2 hane KURUŞ'u ifade eder. Virgül kullanılmaz": 15,25 TL is "1525", at most 12 digits. */
export const toPaycellAmount = (amountMinor: number): string => String(amountMinor)

export function fromPaycellAmount(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,12}$/.test(text) ? Number(text) : undefined
}

/**
 * `msisdn`: the official samples cut the leading country code and send 10 digits
 * (`substr($data["msisdn"], 2, 10)`, `String(msisdn).substring(2)`); +90, 90 and a trunk 0 go.
 */
export function msisdnOf(phone: string | undefined): string | undefined {
  const digits = (phone ?? '').replace(/[\s()+.-]/g, '')
  if (!/^\d+$/.test(digits)) return undefined
  const national = digits.replace(/^(90(?=\d{10}$)|0(?=\d{10}$))/, '')
  return /^\d{10}$/.test(national) ? national : undefined
}

/** Turkey has kept UTC+3 all year since 2016; Paycell's times are local (`YYYYMMddHHmmssSSS`). */
const ISTANBUL_OFFSET_MS = 3 * 60 * 60 * 1000

export function transactionDateTimeOf(epochMs: number): string {
  return new Date(epochMs + ISTANBUL_OFFSET_MS).toISOString().replace(/\D/g, '').slice(0, 17)
}

/** The Istanbul calendar day, as `reconciliationDate` writes it (`YYYYMMDD`). */
export const dayOf = (epochMs: number) => transactionDateTimeOf(epochMs).slice(0, 8)

/**
 * `referenceNumber`s: "ilk 3 hanesi üye iş yerine özeldir paycell tarafından belirlenir. 20 haneli
 * numeric" (paycell-api-java `ProvisionRequestFactory.java`). Ours: the merchant's prefix, a kind
 * digit and 16 digits of SHA-256 over the gateway's id, so a retried request reuses its number and
 * each operation has its own.
 */
export const REFERENCE_KINDS = { payment: '1', capture: '2', cancel: '3', refund: '4' } as const

/** The official SDKs' test application prefix (Java and Node `REFERENCE_NUMBER_PREFIX`). */
export const DEFAULT_REFERENCE_PREFIX = '001'

export async function referenceNumberOf(
  prefix: string,
  kind: keyof typeof REFERENCE_KINDS,
  gatewayId: string
): Promise<string> {
  const hex = (await sha256Hex(`paycell:${gatewayId}`)).slice(0, 16)
  const digits = (BigInt(`0x${hex}`) % 10n ** 16n).toString().padStart(16, '0')
  return prefix + REFERENCE_KINDS[kind] + digits
}

/**
 * A reference number used once, never retried (inquire's own): the prefix and the last 17 digits
 * of the call's 20-digit `transactionId` (time to the millisecond and 3 random digits). The Node
 * SDK sends prefix + `transactionDateTime` (`services/rest/InquireService.js`).
 */
export const oneOffReferenceOf = (prefix: string, transactionId: string) =>
  prefix + transactionId.slice(-17)

// ---- answer codes ----

export const SUCCESS_CODE = '0'

/** Codes that say the request may still be running or was a duplicate of ours: ask again later. */
export const UNSETTLED_CODES = new Set(['3017', '3023', '2012'])

/**
 * Documented codes of a payment that did not happen (error code list of the Paycell docs; bank
 * codes 4000–4052), each to the gateway's decline. Others fall back to `processing_error`.
 */
export const DECLINE_OF_CODE = {
  '1021': 'processing_error', // token not found
  '1022': 'authentication_failed', // 3D session not found
  '1023': 'authentication_failed', // 3D session already used
  '1024': 'authentication_failed', // error during 3D authentication
  '1029': 'processing_error', // hash is invalid
  '2046': 'processing_error', // 3D validation provision amount mismatch
  '2049': 'not_permitted', // 3D validation is required for the card
  '3001': 'invalid_card', // credit card is not valid
  '3006': 'not_permitted', // customer not suitable for provision
  '3007': 'limit_exceeded', // customer limit exceeded
  '3012': 'fraud_suspected', // msisdn in chargeback blacklist
  '3013': 'fraud_suspected', // msisdn in fraud list
  '3032': 'authentication_failed', // 3D authentication not successful
  '3034': 'processing_error', // token expired
  '3035': 'authentication_failed', // 3D session expired
  '4000': 'card_declined', // bank error
  '4001': 'insufficient_funds', // insufficient balance
  '4002': 'expired_card',
  '4003': 'not_permitted', // provision restricted for card holder
  '4004': 'not_permitted', // provision restricted
  '4015': 'invalid_card', // card info is empty
  '4016': 'not_permitted', // card not allowed for e-commerce
} as const satisfies Record<string, DeclineCode>

export function declineOfCode(code: string): DeclineCode {
  return Object.hasOwn(DECLINE_OF_CODE, code)
    ? DECLINE_OF_CODE[code as keyof typeof DECLINE_OF_CODE]
    : 'processing_error'
}

/** Reverse, refund and capture refusals the docs list, in the merchant's words. */
export const OPERATION_REFUSALS = {
  '2013': 'Paycell has no payment under this reference.',
  '2014': 'The payment is already reversed at Paycell.',
  '2015': 'The refunds would exceed the payment amount.',
  '2027': 'The payment was refunded; it can no longer be reversed.',
  '2028': 'A refund cannot be reversed.',
  '2029': 'Paycell reverses only until the day-end reconciliation; refund instead.',
  '2045': 'The capture exceeds the pre-authorized amount.',
  '2048': 'Paycell cannot refund this transaction.',
  '3008': 'Paycell cannot do this because of the reconciliation in progress.',
} as const satisfies Record<string, string>

export const refusalOf = (code: string, description: string) =>
  Object.hasOwn(OPERATION_REFUSALS, code)
    ? OPERATION_REFUSALS[code as keyof typeof OPERATION_REFUSALS]
    : `Paycell refused the request (${code}): ${description}`

/** Inquire `status` (and `provisionList[].provisionType`) values the docs list. */
export const PROVISION_TYPES = [
  'SALE',
  'PREAUTH',
  'POSTAUTH',
  'PREAUTH_REVERSE',
  'POSTAUTH_REVERSE',
  'REVERSE',
  'REFUND',
] as const
export type ProvisionType = (typeof PROVISION_TYPES)[number]

/** Values outside the list are read as text and ignored (see `status.ts`), never as money moved. */
export const isProvisionType = (value: string | null | undefined): value is ProvisionType =>
  (PROVISION_TYPES as readonly (string | null | undefined)[]).includes(value)

/** What the payment is, by its latest transaction: paid, held, or voided. */
export const STATE_OF_STATUS = {
  SALE: 'successful',
  POSTAUTH: 'successful',
  REFUND: 'successful', // refunds are booked by the gateway; the payment itself was paid
  PREAUTH: 'authorized',
  POSTAUTH_REVERSE: 'authorized', // the capture was voided, the authorization stands
  REVERSE: 'cancelled',
  PREAUTH_REVERSE: 'cancelled',
} as const satisfies Record<ProvisionType, 'successful' | 'authorized' | 'cancelled'>
