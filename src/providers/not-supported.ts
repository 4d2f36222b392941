/** @module The answer of an operation a provider's protocol does not have. */
export const notSupported = () => Promise.resolve({ kind: 'not_supported' as const })
