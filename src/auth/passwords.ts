/**
 * @module Password hashing that runs in production Workers: PBKDF2-HMAC-SHA256 at OWASP's 600,000
 * iterations, done as 6 chained calls of 100,000 because production Workers refuse any single
 * PBKDF2 call above 100,000 (local workerd does not enforce that cap, so a test checks each call).
 * The stored string carries its parameters: `pbkdf2-sha256$r=6,i=100000$<salt>$<hash>`.
 */
import { fromBase64, toBase64, utf8 } from '../crypto/encoding'
import { timingSafeEqual } from '../crypto/hash'
import { randomBytes } from '../crypto/random'

export const PBKDF2_MAX_ITERATIONS_PER_CALL = 100_000
const ROUNDS = 6
const SALT_BYTES = 16
const HASH_BITS = 256
const SCHEME = 'pbkdf2-sha256'
const PARAMS = `r=${ROUNDS},i=${PBKDF2_MAX_ITERATIONS_PER_CALL}`

/** One PBKDF2-HMAC-SHA256 call (RFC 8018); callers keep `iterations` within the Workers cap. */
export async function pbkdf2Sha256(
  secret: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  bits: number
) {
  const key = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveBits'])
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, bits)
  )
}

/** Each round's output is the next round's password: the cost adds up, the cap is respected. */
async function stretch(password: string, salt: Uint8Array, rounds: number) {
  let value = utf8(password)
  for (let i = 0; i < rounds; i++) {
    value = await pbkdf2Sha256(value, salt, PBKDF2_MAX_ITERATIONS_PER_CALL, HASH_BITS)
  }
  return value
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const hash = await stretch(password, salt, ROUNDS)
  return `${SCHEME}$${PARAMS}$${toBase64(salt)}$${toBase64(hash)}`
}

function parse(stored: string) {
  const [scheme, params, salt, hash] = stored.split('$')
  const rounds = /^r=(\d+),i=100000$/.exec(params ?? '')?.[1]
  if (scheme !== SCHEME || !rounds || !salt || !hash) return undefined
  return { rounds: Number(rounds), salt: fromBase64(salt), hash: fromBase64(hash) }
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored)
  if (!parsed) return false
  const candidate = await stretch(password, parsed.salt, parsed.rounds)
  return timingSafeEqual(candidate, parsed.hash)
}

/** True when the stored hash was made with weaker parameters: re-hash it after a good login. */
export const needsRehash = (stored: string): boolean => !stored.startsWith(`${SCHEME}$${PARAMS}$`)

/** A well-formed hash no password matches, so unknown usernames cost as much as known ones. */
export const DUMMY_PASSWORD_HASH = `${SCHEME}$${PARAMS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`
