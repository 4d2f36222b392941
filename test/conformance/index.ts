/** @module Every provider's row of the conformance matrix. */
import { adyenProfile } from './adyen'
import { gopayProfile } from './gopay'
import { gopay88Profile } from './gopay88'
import { iyzicoProfile } from './iyzico'
import { nkolayProfile } from './nkolay'
import { ozanpayProfile } from './ozanpay'
import { paparaProfile } from './papara'
import { paycellProfile } from './paycell'
import { paytrProfile } from './paytr'
import { payuProfile } from './payu'
import { stripeProfile } from './stripe'
import type { ConformanceProfile } from './types'

export const PROFILES: ConformanceProfile[] = [
  gopayProfile,
  gopay88Profile,
  adyenProfile,
  stripeProfile,
  iyzicoProfile,
  paytrProfile,
  payuProfile,
  paycellProfile,
  nkolayProfile,
  paparaProfile,
  ozanpayProfile,
]
