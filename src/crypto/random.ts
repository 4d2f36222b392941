/** @module Random secrets: every token, key and salt comes from the platform CSPRNG. */
import { toBase62 } from './encoding'

export const randomBytes = (length: number): Uint8Array =>
  crypto.getRandomValues(new Uint8Array(length))

/** A 256-bit secret as 43 base62 characters: URL-safe and easy to double-click copy. */
export const randomSecret = (): string => toBase62(randomBytes(32))
