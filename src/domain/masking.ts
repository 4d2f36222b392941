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
/** ISO/IEC 7812: card numbers have 12 to 19 digits. */
const MIN_CARD_DIGITS = 12
/**
 * The leading digits the card brands issue under: Mastercard's 2221–2720 and 5, Amex, Diners and
 * JCB's 30 and 34–39, Visa's 4, Discover, UnionPay and Maestro's 6, UnionPay's 81 and Troy's 9792.
 * A date-based reference (`20261207…`) or one from another range is never taken for a card.
 */
const CARD_BRAND_LEAD = /^(?:222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720|3[04-9]|4|5|6|81|9792)/

/**
 * Merchant text with every card number in it cut to first 6 + last 4 (PCI DSS 3.4.1): a shopper's
 * card pasted into an order reference or a description. Only a whole run of digits counts that is
 * long enough (`minDigits`, 12 unless told), leads with a card brand's range and passes Luhn, so
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
