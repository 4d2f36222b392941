/**
 * @module Adyen's refusal reasons (`refusalReasonCode` and `refusalReason` of a refused payment,
 * and the `reason` text of an `AUTHORISATION` webhook with `success: "false"`) as the gateway's
 * decline codes.
 *
 * Docs: https://docs.adyen.com/development-resources/refusal-reasons
 * Test triggers: https://docs.adyen.com/development-resources/testing/result-codes
 * (codes 43 to 45 are not in the table we could read; a code outside it falls back to the
 * `resultCode`'s generic decline, see `declineOf`).
 */
import type { DeclineCode } from '../../domain/decline-codes'

export const REFUSAL_REASON_CODES = [
  '0',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
  '26',
  '27',
  '28',
  '29',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '38',
  '39',
  '40',
  '41',
  '42',
  '46',
] as const
export type RefusalReasonCode = (typeof REFUSAL_REASON_CODES)[number]

// biome-ignore format: a table reads better in rows
export const REFUSAL_REASONS = {
  // "Sometimes refusalReasonCode 0 is returned along with resultCode Authorised": it names no
  // reason, so a refusal with it gets its result code's generic decline (see `declineOf`).
  '0': { reason: '', decline: 'card_declined' },
  '2': { reason: 'Refused', decline: 'card_declined' },
  '3': { reason: 'Referral', decline: 'card_declined' },
  '4': { reason: 'Acquirer Error', decline: 'processing_error' },
  '5': { reason: 'Blocked Card', decline: 'card_declined' },
  '6': { reason: 'Expired Card', decline: 'expired_card' },
  '7': { reason: 'Invalid Amount', decline: 'processing_error' },
  '8': { reason: 'Invalid Card Number', decline: 'invalid_card' },
  '9': { reason: 'Issuer Unavailable', decline: 'processing_error' },
  '10': { reason: 'Not supported', decline: 'not_permitted' },
  '11': { reason: '3D Not Authenticated', decline: 'authentication_failed' },
  '12': { reason: 'Not enough balance', decline: 'insufficient_funds' },
  '14': { reason: 'Acquirer Fraud', decline: 'fraud_suspected' },
  '15': { reason: 'Cancelled', decline: 'card_declined' },
  '16': { reason: 'Shopper Cancelled', decline: 'card_declined' },
  '17': { reason: 'Invalid Pin', decline: 'card_declined' },
  '18': { reason: 'Pin tries exceeded', decline: 'card_declined' },
  '19': { reason: 'Pin validation not possible', decline: 'processing_error' },
  '20': { reason: 'FRAUD', decline: 'fraud_suspected' },
  '21': { reason: 'Not Submitted', decline: 'processing_error' },
  '22': { reason: 'FRAUD-CANCELLED', decline: 'fraud_suspected' },
  '23': { reason: 'Transaction Not Permitted', decline: 'not_permitted' },
  '24': { reason: 'CVC Declined', decline: 'incorrect_cvc' },
  '25': { reason: 'Restricted Card', decline: 'not_permitted' },
  '26': { reason: 'Revocation Of Auth', decline: 'not_permitted' },
  '27': { reason: 'Declined Non Generic', decline: 'card_declined' },
  '28': { reason: 'Withdrawal amount exceeded', decline: 'limit_exceeded' },
  '29': { reason: 'Withdrawal count exceeded', decline: 'limit_exceeded' },
  '31': { reason: 'Issuer Suspected Fraud', decline: 'fraud_suspected' },
  '32': { reason: 'AVS Declined', decline: 'card_declined' },
  '33': { reason: 'Card requires online pin', decline: 'not_permitted' },
  '34': { reason: 'No checking account available on Card', decline: 'not_permitted' },
  '35': { reason: 'No savings account available on Card', decline: 'not_permitted' },
  '36': { reason: 'Mobile pin required', decline: 'authentication_failed' },
  '37': { reason: 'Contactless fallback', decline: 'not_permitted' },
  '38': { reason: 'Authentication required', decline: 'authentication_failed' },
  '39': { reason: 'RReq not received from DS', decline: 'authentication_failed' },
  '40': { reason: 'Current AID is in Penalty Box.', decline: 'processing_error' },
  '41': { reason: 'CVM Required Restart Payment', decline: 'processing_error' },
  '42': { reason: '3DS Authentication Error', decline: 'authentication_failed' },
  '46': { reason: 'Transaction blocked by Adyen to prevent excessive retry fees', decline: 'not_permitted' },
} as const satisfies Record<RefusalReasonCode, { reason: string; decline: DeclineCode }>

const BY_REASON = new Map<string, DeclineCode>(
  Object.values(REFUSAL_REASONS)
    .filter((r) => r.reason !== '')
    .map((r) => [r.reason.toLowerCase(), r.decline])
)

const isRefusalReasonCode = (code: string): code is RefusalReasonCode =>
  Object.hasOwn(REFUSAL_REASONS, code)

/** The generic decline of a refusal Adyen gives no (known) reason for, by `resultCode`. */
const GENERIC_DECLINE = {
  Refused: 'card_declined',
  Error: 'processing_error',
} as const satisfies Record<string, DeclineCode>

/**
 * The decline code of a refusal: by `refusalReasonCode` first (stable), then by the reason text
 * (webhooks carry only the text), then the generic decline of the result code. Test-environment
 * raw reasons such as "DECLINED : 06 : ERROR" are not in the table and fall back likewise.
 */
export function declineOf(refusal: {
  resultCode: 'Refused' | 'Error'
  code?: string
  reason?: string
}): DeclineCode {
  if (refusal.code && refusal.code !== '0' && isRefusalReasonCode(refusal.code))
    return REFUSAL_REASONS[refusal.code].decline
  const byText = refusal.reason ? BY_REASON.get(refusal.reason.trim().toLowerCase()) : undefined
  return byText ?? GENERIC_DECLINE[refusal.resultCode]
}
