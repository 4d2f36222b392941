/**
 * @module What the risk score is computed from, read from the create request's raw body before
 * validation (the signals ride in the Durable Object call that precedes it). Only well-formed
 * values count; a malformed field adds nothing and validation refuses the request anyway. The
 * card number leaves this module only as a keyed fingerprint, its first six digits and a country.
 */
import { toHex } from '../crypto/encoding'
import { hmac } from '../crypto/hash'
import { isLuhnValid } from '../domain/cards'
import { isCurrency, parseMajorAmount } from '../domain/money'
import { binCountryOf } from './bins'
import type { RiskAttempt } from './score'

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined

const field = (object: unknown, name: string): unknown =>
  typeof object === 'object' && object !== null
    ? (object as Record<string, unknown>)[name]
    : undefined

/** The card's fingerprint: the same number gives the same value within one tenant, never across. */
export async function cardFingerprint(key: CryptoKey, tenantId: string, pan: string) {
  const mac = await hmac('SHA-256', key, `${tenantId}:${pan}`)
  return `fp_${toHex(mac).slice(0, 32)}`
}

export async function riskAttemptOf(
  rawBody: string,
  context: {
    tenantId: string
    paymentId: string
    defaultEnvironment: string
    fingerprintKey: CryptoKey
  }
): Promise<RiskAttempt | undefined> {
  let body: unknown
  try {
    body = JSON.parse(rawBody)
  } catch {
    return undefined
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined
  const customer = field(body, 'customer')
  const attempt: RiskAttempt = {
    paymentId: context.paymentId,
    environment: text(field(body, 'environment'), 20) ?? context.defaultEnvironment,
  }
  const pan = text(field(field(body, 'cardInfo'), 'cardNumber'), 40)?.replace(/[ -]/g, '')
  if (pan && /^\d{12,19}$/.test(pan) && isLuhnValid(pan)) {
    attempt.card = await cardFingerprint(context.fingerprintKey, context.tenantId, pan)
    attempt.bin = pan.slice(0, 6)
    attempt.binCountry = binCountryOf(pan)
  }
  const email = text(field(customer, 'email'), 254)?.trim().toLowerCase()
  if (email?.includes('@')) attempt.email = email
  attempt.ip = text(field(customer, 'ipAddress'), 45)
  const ipCountry = text(field(customer, 'ipCountry'), 2)
  if (ipCountry && /^[A-Z]{2}$/.test(ipCountry)) attempt.ipCountry = ipCountry
  const currency = field(body, 'currency')
  const amount = field(body, 'amount')
  if (
    typeof currency === 'string' &&
    isCurrency(currency) &&
    (typeof amount === 'number' || typeof amount === 'string')
  ) {
    const parsed = parseMajorAmount(amount, currency)
    if (!('problem' in parsed)) {
      attempt.amountMinor = parsed.minor
      attempt.currency = currency
    }
  }
  return attempt
}
