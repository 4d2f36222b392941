/** @module Every provider the gateway speaks, by id. */
import { adyenConfigSchema } from './adyen/config'
import { gopayConfigSchema } from './gopay/config'
import { gopay88ConfigSchema } from './gopay88/config'
import { iyzicoConfigSchema } from './iyzico/config'
import { nkolayConfigSchema } from './nkolay/config'
import { ozanpayConfigSchema } from './ozanpay/config'
import { paparaConfigSchema } from './papara/config'
import { paycellConfigSchema } from './paycell/config'
import { paytrConfigSchema } from './paytr/config'
import { payuConfigSchema } from './payu/config'
import { sandboxConfigSchema } from './sandbox/config'
import { stripeConfigSchema } from './stripe/config'
import type { ProviderDefinition } from './types'

const definitions = [
  { id: 'sandbox', displayName: 'Sandbox (built in)', configSchema: sandboxConfigSchema },
  { id: 'stripe', displayName: 'Stripe', configSchema: stripeConfigSchema },
  { id: 'iyzico', displayName: 'iyzico', configSchema: iyzicoConfigSchema },
  { id: 'paytr', displayName: 'PayTR', configSchema: paytrConfigSchema },
  { id: 'payu', displayName: 'PayU', configSchema: payuConfigSchema },
  { id: 'paycell', displayName: 'Paycell', configSchema: paycellConfigSchema },
  { id: 'nkolay', displayName: 'Nkolay', configSchema: nkolayConfigSchema },
  { id: 'papara', displayName: 'Papara', configSchema: paparaConfigSchema },
  { id: 'ozanpay', displayName: 'OzanPay', configSchema: ozanpayConfigSchema },
  {
    id: 'adyen',
    displayName: 'Adyen (cards and the GoPay wallet)',
    configSchema: adyenConfigSchema,
  },
  { id: 'gopay', displayName: 'GoPay (gopay.com, REST API v3)', configSchema: gopayConfigSchema },
  { id: 'gopay88', displayName: 'GoPay88', configSchema: gopay88ConfigSchema },
] as const satisfies readonly ProviderDefinition[]

export type ProviderId = (typeof definitions)[number]['id']

export const PROVIDERS: readonly ProviderDefinition[] = definitions

export const PROVIDER_IDS = definitions.map((d) => d.id) as readonly ProviderId[]

const byId = new Map<string, ProviderDefinition>(definitions.map((d) => [d.id, d]))

export const findProvider = (id: string): ProviderDefinition | undefined => byId.get(id)
