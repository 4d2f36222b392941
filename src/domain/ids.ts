/**
 * @module Prefixed, unguessable, time-ordered ids (`ten_01JF…`): 48 bits of milliseconds then 80
 * random bits, in Crockford base32 like a ULID, so ids sort by creation time for cursors.
 */
import { randomBytes } from '../crypto/random'

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export const ID_PREFIXES = {
  tenant: 'ten',
  user: 'usr',
  apiKey: 'key',
  refreshFamily: 'rtf',
  refreshToken: 'rt',
  providerConfig: 'pcfg',
  signingKey: 'sk',
  payment: 'pay',
  refund: 're',
  event: 'evt',
  providerLog: 'plog',
  returnToken: 'rtk',
  sandboxCharge: 'sbxch',
  sandboxRefund: 'sbxre',
  sandboxEvent: 'sbxevt',
  webhookEndpoint: 'we',
  webhookMessage: 'msg',
  providerNotification: 'pn',
  shopperPage: 'spg',
} as const

export type IdKind = keyof typeof ID_PREFIXES

function encodeTime(ms: number): string {
  let out = ''
  let rest = ms
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[rest % 32] + out
    rest = Math.floor(rest / 32)
  }
  return out
}

const RANDOM_MAX = (1n << 80n) - 1n
let lastTime = -1
let lastRandom = 0n

/**
 * The random part: fresh for a new millisecond, the previous one plus one within the same
 * millisecond, so ids made in one isolate sort in the order they were made (a monotonic ULID).
 */
function nextRandom(time: number): bigint {
  if (time === lastTime && lastRandom < RANDOM_MAX) {
    lastRandom += 1n
    return lastRandom
  }
  let bits = 0n
  for (const b of randomBytes(10)) bits = (bits << 8n) | BigInt(b)
  lastTime = time
  // Leave room to count up within the millisecond.
  lastRandom = bits >> 1n
  return lastRandom
}

function encodeRandom(bits: bigint): string {
  let out = ''
  for (let i = 0; i < 16; i++) {
    out = CROCKFORD[Number(bits & 31n)] + out
    bits >>= 5n
  }
  return out
}

export const newId = (kind: IdKind, now: number = Date.now()): string =>
  `${ID_PREFIXES[kind]}_${encodeTime(now)}${encodeRandom(nextRandom(now))}`

/** True when `value` looks like an id of this kind; used to answer 404 early for garbage ids. */
export const isId = (kind: IdKind, value: string): boolean =>
  new RegExp(`^${ID_PREFIXES[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value)
