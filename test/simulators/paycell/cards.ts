/**
 * @module The simulator's cards. Paycell's published test cards (Akbank 4355084355084358 and
 * 5571135571135575, Ziraat 4546711234567894, HalkBank 5528790000000008, ING 4508034508034509,
 * Denizbank 5200190006338608, …) and any other Luhn-valid number are approved; two numbers of the
 * simulator's own choosing are declined by the bank: 4000000000000002 (4000 "Bank error") and
 * 4000000000009995 (4001 "Insufficient balance"). A number failing Luhn is refused at tokenization
 * (3001 "Credit card is not valid").
 */

export const DECLINE_CARD = '4000000000000002'
export const INSUFFICIENT_FUNDS_CARD = '4000000000009995'

export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false
  let sum = 0
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i])
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
    sum += digit
  }
  return sum % 10 === 0
}

/** The bank's `responseCode` for a provision with this card. */
export function bankAnswerOf(number: string): string {
  if (number === DECLINE_CARD) return '4000'
  if (number === INSUFFICIENT_FUNDS_CARD) return '4001'
  return '0'
}
