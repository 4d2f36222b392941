/** @module Every provider the gateway speaks, by id. */
import { adyenProvider } from './adyen/adapter'
import { gopayProvider } from './gopay/adapter'
import { gopay88Provider } from './gopay88/adapter'
import { iyzicoProvider } from './iyzico/adapter'
import { nkolayProvider } from './nkolay/adapter'
import { ozanpayProvider } from './ozanpay/adapter'
import { paparaProvider } from './papara/adapter'
import { paycellProvider } from './paycell/adapter'
import { paytrProvider } from './paytr/adapter'
import { payuProvider } from './payu/adapter'
import { sandboxProvider } from './sandbox/adapter'
import { stripeProvider } from './stripe/adapter'
import type { PaymentProvider } from './types'

const definitions: PaymentProvider[] = [
  sandboxProvider,
  stripeProvider,
  iyzicoProvider,
  paytrProvider,
  payuProvider,
  paycellProvider,
  nkolayProvider,
  paparaProvider,
  ozanpayProvider,
  adyenProvider,
  gopayProvider,
  gopay88Provider,
]

export const PROVIDERS: readonly PaymentProvider[] = definitions

export const PROVIDER_IDS: readonly string[] = definitions.map((d) => d.id)

const byId = new Map<string, PaymentProvider>(definitions.map((d) => [d.id, d]))

export const findProvider = (id: string): PaymentProvider | undefined => byId.get(id)
