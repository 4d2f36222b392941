import { describe, expect, it } from 'vitest'
import { requestHashData, responseHashData, securityDataOf, verifyResponseHash } from './hash'

/** Paycell's public test application (paycell-api-php `provisionServices/testConstants.php`). */
const SECRETS = {
  applicationName: 'PAYCELLTEST',
  applicationPassword: 'PaycellTestPassword',
  secureCode: 'PAYCELL12345',
}
const ANSWER = {
  transactionId: '66620240101120000000',
  responseDateTime: '20240101120000123',
  responseCode: '0',
  cardToken: '49d55d0e-37ce-4dcc-a2ea-9b452461b157',
}

describe('getCardTokenSecure hashData', () => {
  it('computes securityData from the password and application name', async () => {
    expect(await securityDataOf(SECRETS)).toBe('d+RurbEgrO1HElWOfDW6I5/nCDmnUWDs4yYRjjDuDN0=')
  })

  it('computes the request hashData with the upper-cased securityData', async () => {
    expect(await requestHashData(SECRETS, '66620240101120000000', '20240101120000000')).toBe(
      'HST+v18OLQjnfEWSTzSgt1g1VbeLuf9Q0g2DSBDrlpc='
    )
  })

  it("computes the request hashData of the documentation's transaction id and time", async () => {
    expect(await requestHashData(SECRETS, '13115080770554206495', '20171015141735420')).toBe(
      'MjHEaj4Du2AWpC0zJy35xoN6LEscPKmkdsCorpd4n9E='
    )
  })

  it('computes the answer hashData over the card token', async () => {
    expect(await responseHashData(SECRETS, ANSWER)).toBe(
      'LpptFy3vjAdtybuZwkRIYtY4qNt9Df0aNyyidwYjQL4='
    )
  })

  it('accepts the genuine answer hash and refuses another card token', async () => {
    const genuine = 'LpptFy3vjAdtybuZwkRIYtY4qNt9Df0aNyyidwYjQL4='
    expect(await verifyResponseHash(SECRETS, ANSWER, genuine)).toBe(true)
    const other = { ...ANSWER, cardToken: '49d55d0e-37ce-4dcc-a2ea-9b452461b158' }
    expect(await verifyResponseHash(SECRETS, other, genuine)).toBe(false)
  })

  it('upper-cases every part, as the samples do', async () => {
    const lower = { ...SECRETS, applicationName: 'paycelltest' }
    expect(await securityDataOf(lower)).toBe(await securityDataOf(SECRETS))
  })
})
