/** @module Resolving a provider id from a request: unknown ids are a 404 that lists the known ones. */

import { maskCardNumbers } from '../domain/masking'
import { ApiError } from '../errors'
import { findProvider, PROVIDER_IDS } from '../providers/registry'
import type { PaymentProvider } from '../providers/types'

export function requireProvider(id: string): PaymentProvider {
  const provider = findProvider(id)
  if (!provider) {
    // The id is echoed as sent, but for a card number in it.
    const shown = maskCardNumbers(id.slice(0, 64))
    throw new ApiError('provider_not_found', `Unknown provider "${shown}".`, {
      knownProviders: PROVIDER_IDS,
    })
  }
  return provider
}
