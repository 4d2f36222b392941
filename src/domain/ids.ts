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

function encodeRandom(): string {
  let bits = 0n
  for (const b of randomBytes(10)) bits = (bits << 8n) | BigInt(b)
  let out = ''
  for (let i = 0; i < 16; i++) {
    out = CROCKFORD[Number(bits & 31n)] + out
    bits >>= 5n
  }
  return out
}

export const newId = (kind: IdKind, now: number = Date.now()): string =>
  `${ID_PREFIXES[kind]}_${encodeTime(now)}${encodeRandom()}`

/** True when `value` looks like an id of this kind; used to answer 404 early for garbage ids. */
export const isId = (kind: IdKind, value: string): boolean =>
  new RegExp(`^${ID_PREFIXES[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value)
