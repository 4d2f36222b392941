/**
 * @module iyzico's `errorCode` / `errorGroup` of a `status: failure` answer, mapped to the
 * gateway's decline codes. Bank answers are 10xxx codes, each with a group
 * (https://docs.iyzico.com/en/add-ons/error-codes/bank-error-codes); codes below 10000 are
 * iyzico's own validation and authentication errors (https://docs.iyzico.com/en/add-ons/error-codes).
 * iyzico asks integrations to map the group rather than the code ("hata grubuna göre, hata koduna
 * göre değil"): the published tables disagree on the group names of 10041, 10043 and 10093
 * (LOST_CARD / PICKUP_CARD, STOLEN_CARD / LOST_CARD, RESTRICTED_BY_LAW / PICKUP_CARD). The group
 * decides here; the code only where no known group came with it.
 */
import type { DeclineCode } from '../../domain/decline-codes'

/** Bank error codes (10xxx) as the docs list them, with the group iyzico returns beside them. */
// biome-ignore format: a table reads better in rows
export const BANK_ERROR_CODES = {
  '10005': ['DO_NOT_HONOUR', 'card_declined'],
  '10012': ['INVALID_TRANSACTION', 'card_declined'],
  '10034': ['FRAUD_SUSPECT', 'fraud_suspected'],
  // Lost, stolen and picked-up cards: shown to the shopper as a plain decline by the merchant.
  '10041': ['LOST_CARD', 'fraud_suspected'],
  '10043': ['STOLEN_CARD', 'fraud_suspected'],
  '10051': ['NOT_SUFFICIENT_FUNDS', 'insufficient_funds'],
  '10054': ['EXPIRED_CARD', 'expired_card'],
  '10057': ['NOT_PERMITTED_TO_CARDHOLDER', 'not_permitted'],
  '10058': ['NOT_PERMITTED_TO_TERMINAL', 'not_permitted'],
  '10084': ['INVALID_CVC2', 'incorrect_cvc'],
  // "Your card is closed to e-commerce transactions."
  '10093': ['RESTRICTED_BY_LAW', 'not_permitted'],
  '10201': ['CARD_NOT_PERMITTED', 'not_permitted'],
  '10204': ['UNKNOWN', 'processing_error'],
  '10206': ['INVALID_CVC2_LENGTH', 'incorrect_cvc'],
  '10207': ['REFER_TO_CARD_ISSUER', 'card_declined'],
  '10208': ['INVALID_MERCHANT_OR_SP', 'processing_error'],
  '10209': ['BLOCKED_CARD', 'card_declined'],
  '10210': ['INVALID_CAVV', 'authentication_failed'],
  '10211': ['INVALID_ECI', 'authentication_failed'],
  '10213': ['BIN_NOT_FOUND', 'invalid_card'],
  '10214': ['COMMUNICATION_OR_SYSTEM_ERROR', 'processing_error'],
  '10215': ['INVALID_CARD_NUMBER', 'invalid_card'],
  '10216': ['NO_SUCH_ISSUER', 'invalid_card'],
  // Debit cards are accepted only with 3-D Secure: the shopper pays again with use3D.
  '10217': ['DEBIT_CARDS_REQUIRES_3DS', 'authentication_failed'],
  '10219': ['REQUEST_TIMEOUT', 'processing_error'],
  '10222': ['NOT_PERMITTED_TO_INSTALLMENT', 'not_permitted'],
  '10223': ['REQUIRES_DAY_END', 'processing_error'],
  '10225': ['RESTRICTED_CARD', 'not_permitted'],
  '10226': ['EXCEEDS_ALLOWABLE_PIN_TRIES', 'limit_exceeded'],
  '10227': ['INVALID_PIN', 'card_declined'],
  '10228': ['ISSUER_OR_SWITCH_INOPERATIVE', 'processing_error'],
  '10229': ['INVALID_EXPIRE_YEAR_MONTH', 'invalid_card'],
  '10232': ['INVALID_AMOUNT', 'limit_exceeded'],
} as const satisfies Record<string, readonly [string, DeclineCode]>
export type BankErrorCode = keyof typeof BANK_ERROR_CODES

/**
 * Every error group, for a bank code the table above does not list. Beyond the groups of the
 * table: the other names the published tables give the same codes, and the groups iyzico
 * integrations list for rarer bank answers.
 */
export const ERROR_GROUPS = {
  ...Object.fromEntries(Object.values(BANK_ERROR_CODES)),
  PICKUP_CARD: 'fraud_suspected',
  CVC2_MAX_ATTEMPT: 'limit_exceeded',
  DEBIT_CARDS_INSTALLMENT_NOT_ALLOWED: 'not_permitted',
  DECLINED: 'card_declined',
  NOT_PERMITTED_TO_FOREIGN_CARD: 'not_permitted',
  EXCEEDS_WITHDRAWAL_AMOUNT_LIMIT: 'limit_exceeded',
  REQUEST_BLOCKED_BY_BANK: 'card_declined',
  INVALID_CARD_TYPE: 'not_permitted',
  APPROVED_COMPLETED: 'card_declined',
} as Record<string, DeclineCode>

/**
 * iyzico's own codes that describe the card (general error codes 12–17, 5184): the request was
 * refused before reaching the bank.
 */
export const CARD_VALIDATION_CODES = {
  '12': 'invalid_card',
  '13': 'invalid_card',
  '14': 'invalid_card',
  '15': 'incorrect_cvc',
  '17': 'expired_card',
  // "Domestic cards cannot pay in a foreign currency" (iyzico FAQ "Validasyon Hataları").
  '5184': 'not_permitted',
} as const satisfies Record<string, DeclineCode>

/** Authentication errors: "Geçersiz imza" (invalid signature) and "api bilgileri bulunamadı". */
export const CREDENTIAL_ERROR_CODES = ['1000', '1001'] as const

export interface IyzicoFailure {
  errorCode?: string | null
  errorGroup?: string | null
  errorMessage?: string | null
}

const isBankCode = (code: string): code is BankErrorCode => Object.hasOwn(BANK_ERROR_CODES, code)

/**
 * The decline code of a failure: its group's, else the bank code's; an unknown bank answer is a
 * decline, and anything else iyzico refused before the bank a processing error.
 */
export function declineCodeOf(failure: IyzicoFailure): DeclineCode {
  const group = failure.errorGroup ?? ''
  if (Object.hasOwn(ERROR_GROUPS, group)) return ERROR_GROUPS[group]!
  const code = failure.errorCode ?? ''
  if (isBankCode(code)) return BANK_ERROR_CODES[code][1]
  if (Object.hasOwn(CARD_VALIDATION_CODES, code))
    return CARD_VALIDATION_CODES[code as keyof typeof CARD_VALIDATION_CODES]
  return /^10\d{3}$/.test(code) ? 'card_declined' : 'processing_error'
}

/**
 * "Request Limit Exceeded": iyzico refused the request before doing anything
 * (https://docs.iyzico.com/en/getting-started/preliminaries/limiters, written there as the JSON
 * number 50000). A payment it stops is a processing error to try again; a completion it stops is
 * still to be made.
 */
export const RATE_LIMIT_CODE = '50000'
export const isRateLimited = (failure: IyzicoFailure) => failure.errorCode === RATE_LIMIT_CODE

export const isCredentialError = (failure: IyzicoFailure) =>
  (CREDENTIAL_ERROR_CODES as readonly string[]).includes(failure.errorCode ?? '')

/** iyzico's message, except for refused credentials, which get one that says what to check. */
export const messageOfFailure = (failure: IyzicoFailure) =>
  isCredentialError(failure)
    ? `iyzico refused the API credentials (${failure.errorCode}); check the apiKey and secretKey configured for iyzico.`
    : (failure.errorMessage ?? `iyzico answered failure (${failure.errorCode ?? 'no code'}).`)
