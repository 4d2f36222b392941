/** @module How secrets look when they must be shown at all: never in clear. */

import { isLuhnValid, maskPan } from './cards'

const ELLIPSIS = '…'

/**
 * A credential as the API shows it: the first 4 and last 3 characters of long values
 * (`sandbox-secret-6Hs` → `sand…6Hs`), only the last 2 of medium ones, nothing of short ones.
 */
export function maskSecret(value: string): string {
  if (value.length >= 16) return `${value.slice(0, 4)}${ELLIPSIS}${value.slice(-3)}`
  if (value.length >= 8) return `${ELLIPSIS}${value.slice(-2)}`
  return ELLIPSIS
}

/** Digits in a row, single spaces or dashes allowed between them (`4242 4242 4242 4242`). */
const DIGIT_RUN = /\d(?:[ -]?\d)*/g
/** ISO/IEC 7812: card numbers have 12 to 19 digits; none of a card brand starts with 0 or 1. */
const MIN_CARD_DIGITS = 12
const CARD_BRAND_LEAD = /^[2-9]/

/**
 * Merchant text with every card number in it cut to first 6 + last 4 (PCI DSS 3.4.1): a shopper's
 * card pasted into an order reference or a description. Only a whole run of digits counts that is
 * long enough (`minDigits`, 12 unless told), leads with a card brand's digit and passes Luhn, so
 * timestamps and most references stay as they are; a reference that happens to pass is masked
 * too, as nothing the gateway keeps may be a card number.
 */
export function maskCardNumbers(text: string, minDigits = MIN_CARD_DIGITS): string {
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/[ -]/g, '')
    const isCard = digits.length >= minDigits && CARD_BRAND_LEAD.test(digits) && isLuhnValid(digits)
    return isCard ? maskPan(digits) : run
  })
}
