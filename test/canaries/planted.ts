/**
 * @module The canaries: card numbers the simulators take or decline, card numbers sent where no
 * card belongs, passwords, and provider credentials nobody accepts, plus the register of
 * everything planted while the scenario runs (the simulators' own credentials, the secrets the
 * gateway shows once).
 */
import { cardInfo } from '../conformance/harness'
import { luhnCard } from '../helpers/payments'
import type { Canary } from './scan'

export const CVV = '987'
/** The Adyen simulator takes only Adyen's documented test code. */
export const ADYEN_CVV = '737'
/** iyzico's Garanti Amex: 15 digits and a 4-digit code, masked as 374427*****0003. */
export const AMEX = '374427000000003'
export const AMEX_CVV = '6053'

/** Card numbers the simulators accept (or decline), one set per provider. */
export const CARDS = {
  sandbox: {
    success: '5528790000000008',
    decline: '4000000000009995',
    threeDS: '4000000000003220',
  },
  iyzico: { success: '5890040000000016', decline: '4129111111111111', threeDS: '4603450000000000' },
  stripe: { success: '4242424242424242', decline: '4000000000000002', threeDS: '4000000000003220' },
  adyen: { success: '5555555555554444', decline: '4000000000000002', threeDS: '5454545454545454' },
  paytr: { success: '4355084355084358', decline: '4000000000000002', threeDS: '5406675406675403' },
}
export type CardProvider = keyof typeof CARDS

export const cardsOf = (provider: string) =>
  CARDS[provider as CardProvider] as (typeof CARDS)[CardProvider] | undefined

/** Card numbers a careless merchant puts where no card belongs. */
export const MISPLACED = {
  description: luhnCard('453914880343646'),
  orderId: luhnCard('601100099990013'),
  phone: luhnCard('356600202036050'),
  item: luhnCard('630495060000000'),
  path: '371449635398431',
  provider: luhnCard('510510510510510'),
  query: luhnCard('400005566555555'),
  invalidBody: luhnCard('402400715376365'),
  malformedJson: luhnCard('498824730152840'),
  callback: luhnCard('411111111111111'),
}

/** None contains its username (the policy refuses that); one is typed into the username field. */
export const PASSWORDS = {
  admin: 'canary-root-passphrase-Q7vX2m',
  merchant: 'canary-shop-passphrase-Hk4Rz9',
  wrong: 'canary-wrong-passphrase-Zt8Wq3',
  // Lower case, as the gateway normalises usernames: it is looked for as it would be kept.
  inUsernameField: 'canary-typed-in-username-lp5nc1',
}

/** Provider credentials nobody accepts: they travel into the error paths. */
export const WRONG_CREDENTIALS = {
  iyzico: 'CANARY-SECRET-iyzico-5f2c81d0',
  paytrKey: 'CANARY-SECRET-paytr-key-9b41e7',
  paytrSalt: 'CANARY-SECRET-paytr-salt-2d7c5a',
  stripe: 'sk_test_CANARY-SECRET-stripe-6e0f93',
  stripeWebhook: 'whsec_CANARY-SECRET-stripe-wh-71ac4b',
  gopay: 'CANARY-SECRET-gopay-a83d2f',
  payu: 'CANARY-SECRET-payu-4c19e8',
  payuSecondKey: 'CANARY-SECRET-payu-second-0f6b27',
  adyen: 'CANARY-SECRET-adyen-d52e90',
  // Adyen's HMAC key must be hex.
  adyenHmac: 'cafe0ca4a7ee5ec7e7000adee5bad0c5',
}

/** The credentials of each simulator account that are secret (identifiers are not). */
export const SECRET_KEYS: Record<string, string[]> = {
  iyzico: ['apiKey', 'secretKey'],
  stripe: ['secretKey', 'webhookSecret'],
  adyen: ['apiKey', 'hmacKey'],
  paytr: ['merchantKey', 'merchantSalt'],
  gopay: ['clientSecret'],
  payu: ['clientSecret', 'secondKey'],
}

/** What was planted: values to find nowhere, and values to find in exactly one answer. */
export class Planted {
  readonly secrets: Canary[] = []
  readonly cardNumbers: Canary[] = []
  readonly shownOnce: Canary[] = []

  secret(label: string, value: string) {
    this.secrets.push({ label, value })
  }

  /** A secret the gateway hands out once (an API key, a webhook secret, a refresh token). */
  revealed(label: string, value: string) {
    this.shownOnce.push({ label, value })
  }

  cardNumber(label: string, value: string) {
    if (!this.cardNumbers.some((c) => c.value === value)) this.cardNumbers.push({ label, value })
  }

  /** The `cardInfo` of a payment request with this number and security code. */
  card(number: string, cvv = CVV) {
    this.cardNumber(`PAN ${number}`, number)
    return { ...cardInfo(number), cvv }
  }
}

export const cvvOf = (provider: string) => (provider === 'adyen' ? ADYEN_CVV : CVV)
