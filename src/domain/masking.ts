/** @module How secrets look when they must be shown at all: never in clear. */

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
