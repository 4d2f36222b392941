/** @module Card data rules: Luhn, expiry, CVV shape, and the only form a PAN may be kept in. */

export const isLuhnValid = (pan: string): boolean => {
  if (!/^\d{12,19}$/.test(pan)) return false
  let sum = 0
  for (let i = 0; i < pan.length; i++) {
    let digit = Number(pan[pan.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

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
