/**
 * @module 3-D Secure sessions: `getThreeDSession` (`target` MERCHANT, `transactionType` "AUTH,
 * PREAUTH" as paycell-api-java `GetThreeDSessionRequestFactory.java` lists them, a known
 * `cardToken`, an `installmentCount` the provision must repeat) opens one; the shopper's bank page (`pages.ts`) passes or fails it;
 * `getThreeDSessionResult` tells: `threeDOperationResult.threeDResult` "0" and `mdStatus` "1" once
 * authenticated, "1" while waiting or after a failure.
 */
import type { SimulatorKit } from '../kit/types.ts'
import { answer, type Call, installmentsOf, isAmount, str } from './http.ts'
import { withFault } from './provision.ts'
import type { PaycellStore } from './store.ts'

export function getThreeDSession(kit: SimulatorKit, store: PaycellStore, call: Call): Response {
  const { app, body } = call
  return withFault(kit, app.applicationName, ['create'], () => {
    if (!isAmount(body.amount)) return answer(call, '2030')
    const transactionType = body.transactionType
    if (body.target !== 'MERCHANT' || (transactionType !== 'AUTH' && transactionType !== 'PREAUTH'))
      return answer(call, '2032')
    const installmentCount = installmentsOf(body.installmentCount)
    if (installmentCount === undefined) return answer(call, '2032')
    const cardToken = str(body.cardToken) ?? ''
    const token = store.tokens.get(cardToken)
    if (!token || token.application !== app.applicationName) return answer(call, '1021')
    const threeDSessionId = store.openSession({
      application: app.applicationName,
      cardToken,
      amount: body.amount,
      msisdn: str(body.msisdn)!,
      transactionType,
      installmentCount,
    })
    return answer(call, '0', { threeDSessionId })
  })
}

const RESULTS = {
  waiting: {
    threeDResult: '1',
    threeDResultDescription: '3D dogrulama tamamlanmadi',
    mdStatus: '0',
  },
  passed: { threeDResult: '0', threeDResultDescription: '3D Dogrulama basarili', mdStatus: '1' },
  failed: { threeDResult: '1', threeDResultDescription: '3D dogrulama basarisiz', mdStatus: '0' },
}

export function getThreeDSessionResult(
  kit: SimulatorKit,
  store: PaycellStore,
  call: Call
): Response {
  const { app, body } = call
  return withFault(kit, app.applicationName, ['complete'], () => {
    const session = store.sessions.get(str(body.threeDSessionId) ?? '')
    if (!session || session.application !== app.applicationName) return answer(call, '1022')
    const { mdStatus, ...result } = RESULTS[session.state]
    return answer(call, '0', {
      currentStep: session.state === 'waiting' ? '1' : '3',
      mdErrorMessage: session.state === 'passed' ? 'Authenticated' : 'Not authenticated',
      mdStatus,
      threeDOperationResult: result,
    })
  })
}
