/** @module Card data rules: Luhn, expiry, CVV shape, and the only form a PAN may be kept in. */

/** The Luhn sum of `digits`, doubling every second digit from the right after `offset` of them. */
function luhnSum(digits: string, offset: 0 | 1): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 !== offset) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum
}

export const isLuhnValid = (pan: string): boolean =>
  /^\d{12,19}$/.test(pan) && luhnSum(pan, 0) % 10 === 0

/** `digits` followed by its Luhn check digit: a card number for tests and benchmarks. */
export const withLuhnCheckDigit = (digits: string): string =>
  `${digits}${(10 - (luhnSum(digits, 1) % 10)) % 10}`

/** PCI DSS 3.4.1: at most the first 6 and last 4 digits: `552879******0008`. */
export const maskPan = (pan: string): string =>
  pan.length <= 10
    ? '*'.repeat(pan.length)
    : `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`

/** True when the card's expiry month (inclusive) has not ended at `now`. */
export function isUnexpired(month: number, year: number, now: number): boolean {
  const date = new Date(now)
  const currentYear = date.getUTCFullYear()
  const currentMonth = date.getUTCMonth() + 1
  return year > currentYear || (year === currentYear && month >= currentMonth)
}

/** Two-digit years are this century's (`30` → 2030). */
export const fullYear = (year: number): number => (year < 100 ? 2000 + year : year)
