/**
 * @module Every provider simulator behind one handler: `http://<host>/<id>/…`. Tests reach it as
 * `http://providers.sim` through the gateway's outbound fetch (vitest.config.ts); `npm run
 * dev:providers` serves it on a local port and points `PROVIDER_ENDPOINTS` at it.
 */
import { adyenSimulator } from './adyen/simulator.ts'
import { gopaySimulator } from './gopay/simulator.ts'
import { gopay88Simulator } from './gopay88/simulator.ts'
import { iyzicoSimulator } from './iyzico/simulator.ts'
import { type NotificationMode, simulatorRouter } from './kit/router.ts'
import { merchantReceiver } from './merchant/simulator.ts'
import { nkolaySimulator } from './nkolay/simulator.ts'
import { ozanpaySimulator } from './ozanpay/simulator.ts'
import { paparaSimulator } from './papara/simulator.ts'
import { paycellSimulator } from './paycell/simulator.ts'
import { paytrSimulator } from './paytr/simulator.ts'
import { payuSimulator } from './payu/simulator.ts'
import { stripeSimulator } from './stripe/simulator.ts'

export const SIMULATORS = [
  gopaySimulator,
  gopay88Simulator,
  adyenSimulator,
  stripeSimulator,
  iyzicoSimulator,
  paytrSimulator,
  payuSimulator,
  paycellSimulator,
  nkolaySimulator,
  paparaSimulator,
  ozanpaySimulator,
]

/**
 * Each provider's base URL at `origin`, exactly as `PROVIDER_ENDPOINTS` takes it: the part of the
 * provider's real base URL that its documented paths follow (GoPay CZ's ends in `/api`, Adyen's
 * carries the Checkout API version).
 */
export function simulatorEndpoints(origin: string) {
  const bases = {
    gopay: `${origin}/gopay/api`,
    gopay88: `${origin}/gopay88`,
    adyen: `${origin}/adyen/v71`,
    stripe: `${origin}/stripe`,
    iyzico: `${origin}/iyzico`,
    paytr: `${origin}/paytr`,
    payu: `${origin}/payu`,
    paycell: `${origin}/paycell`,
    nkolay: `${origin}/nkolay`,
    papara: `${origin}/papara`,
    ozanpay: `${origin}/ozanpay`,
  }
  return Object.fromEntries(
    Object.entries(bases).map(([id, base]) => [id, { test: base, production: base }])
  )
}

/** The providers, and a merchant's webhook receiver (`/merchant/hooks/<name>`) for tests. */
export const providerSimulators = (mode: NotificationMode, log?: (line: string) => void) =>
  simulatorRouter([...SIMULATORS, merchantReceiver], { mode, log })
