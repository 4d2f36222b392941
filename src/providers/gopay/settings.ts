/** @module The tenant's GoPay configuration as the adapter uses it, read from the decrypted config. */
import type { ProviderContext } from '../types'
import { gopayConfigSchema } from './config'
import { DEFAULT_LANGUAGE, type Language } from './mapping'

export interface GoPaySettings {
  goId: number
  clientId: string
  clientSecret: string
  language: Language
  requestCardToken: boolean
}

export function settingsOf(ctx: ProviderContext): GoPaySettings {
  const config = gopayConfigSchema.parse(ctx.config)
  return {
    // Ten digits: far inside the safe-integer range; `target.goid` is a JSON number on the wire.
    goId: Number(config.goId),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    language: config.language ?? DEFAULT_LANGUAGE,
    requestCardToken: config.requestCardToken === 'true',
  }
}
