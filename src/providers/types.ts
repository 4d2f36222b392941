/**
 * @module What the gateway knows about a payment provider. Adding a provider is a folder under
 * `src/providers/` and one line in `registry.ts`.
 */
import type { ProviderConfigSchema } from './config-schema'

export type Environment = 'test' | 'production'

export interface ProviderDefinition {
  id: string
  displayName: string
  /** The credentials a tenant configures for this provider, per environment. */
  configSchema: ProviderConfigSchema
}
