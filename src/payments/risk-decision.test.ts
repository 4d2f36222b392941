import { describe, expect, it } from 'vitest'
import type { ScoredAttempt } from '../durable-objects/risk-memory'
import { ApiError } from '../errors'
import type { PaymentProvider } from '../providers/types'
import { planForRisk } from './risk-decision'

const provider = (capabilities: Partial<PaymentProvider['capabilities']>) =>
  ({
    id: 'p',
    displayName: 'P',
    capabilities: { threeDS: true, capture: true, cancel: true, ...capabilities },
  }) as PaymentProvider

const scored = (decision: ScoredAttempt['decision']): ScoredAttempt => ({
  score: { allow: 0, challenge: 30, review: 60, block: 80 }[decision],
  decision,
  reasons: [],
  rulesVersion: 4,
})

const card = {
  cardHolderName: 'A B',
  cardNumber: '4242424242424242',
  expireMonth: 12,
  expireYear: 2030,
  cvv: '123',
}
const direct = { use3D: false, capture: true, cardInfo: card, callbackUrl: undefined }
const withCallback = { ...direct, callbackUrl: 'https://shop.example.com/done' }

describe('planForRisk', () => {
  it('changes nothing for an unscored or allowed payment', () => {
    expect(planForRisk(undefined, provider({}), direct)).toEqual({
      use3D: false,
      capture: true,
      risk: null,
    })
    expect(planForRisk(scored('allow'), provider({}), direct)).toMatchObject({
      use3D: false,
      capture: true,
      risk: { decision: 'allow', rulesVersion: 4 },
    })
  })

  it('forces 3-D Secure when the shopper can come back, and holds the payment when not', () => {
    expect(planForRisk(scored('challenge'), provider({}), withCallback)).toMatchObject({
      use3D: true,
      capture: true,
      risk: { decision: 'challenge' },
    })
    expect(planForRisk(scored('challenge'), provider({}), direct)).toMatchObject({
      use3D: false,
      capture: false,
      risk: { decision: 'review', captureOnApproval: true },
    })
    expect(
      planForRisk(scored('challenge'), provider({ threeDS: false }), withCallback)
    ).toMatchObject({
      risk: { decision: 'review' },
    })
    // A hosted payment authenticates on the provider's page already.
    const hosted = { ...withCallback, cardInfo: undefined }
    expect(planForRisk(scored('challenge'), provider({}), hosted)).toMatchObject({
      use3D: false,
      capture: true,
      risk: { decision: 'challenge' },
    })
  })

  it('holds by authorizing only, remembering whether to capture on approval', () => {
    expect(
      planForRisk(scored('review'), provider({}), { ...withCallback, capture: false })
    ).toMatchObject({
      capture: false,
      risk: { decision: 'review', captureOnApproval: false },
    })
  })

  it('blocks where the provider cannot hold, and on a block', () => {
    for (const capabilities of [{ capture: false }, { cancel: false }]) {
      const error = (() => {
        try {
          planForRisk(scored('review'), provider(capabilities), withCallback)
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(ApiError)
      expect(error).toMatchObject({ code: 'risk_blocked', details: { score: 60, rulesVersion: 4 } })
    }
    expect(() => planForRisk(scored('block'), provider({}), withCallback)).toThrow(
      /refused by your risk rules/
    )
  })
})
