/** @module Every provider the gateway speaks, by id. */
import { adyenConfigSchema } from './adyen/config'
import { configOnlyProvider } from './config-only'
import { gopayConfigSchema } from './gopay/config'
import { gopay88ConfigSchema } from './gopay88/config'
import { iyzicoConfigSchema } from './iyzico/config'
import { nkolayConfigSchema } from './nkolay/config'
import { ozanpayConfigSchema } from './ozanpay/config'
import { paparaConfigSchema } from './papara/config'
import { paycellConfigSchema } from './paycell/config'
import { paytrConfigSchema } from './paytr/config'
import { payuConfigSchema } from './payu/config'
import { sandboxProvider } from './sandbox/adapter'
import { stripeConfigSchema } from './stripe/config'
import type { PaymentProvider } from './types'

const definitions: PaymentProvider[] = [
  sandboxProvider,
  configOnlyProvider('stripe', 'Stripe', stripeConfigSchema),
  configOnlyProvider('iyzico', 'iyzico', iyzicoConfigSchema),
  configOnlyProvider('paytr', 'PayTR', paytrConfigSchema),
  configOnlyProvider('payu', 'PayU', payuConfigSchema),
  configOnlyProvider('paycell', 'Paycell', paycellConfigSchema),
  configOnlyProvider('nkolay', 'Nkolay', nkolayConfigSchema),
  configOnlyProvider('papara', 'Papara', paparaConfigSchema),
  configOnlyProvider('ozanpay', 'OzanPay', ozanpayConfigSchema),
  configOnlyProvider('adyen', 'Adyen (cards and the GoPay wallet)', adyenConfigSchema),
  configOnlyProvider('gopay', 'GoPay (gopay.com, REST API v3)', gopayConfigSchema),
  configOnlyProvider('gopay88', 'GoPay88', gopay88ConfigSchema),
]

export const PROVIDERS: readonly PaymentProvider[] = definitions

export const PROVIDER_IDS: readonly string[] = definitions.map((d) => d.id)

const byId = new Map<string, PaymentProvider>(definitions.map((d) => [d.id, d]))

export const findProvider = (id: string): PaymentProvider | undefined => byId.get(id)
