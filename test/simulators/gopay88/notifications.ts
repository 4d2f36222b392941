/**
 * @module The order notify (订单回调): `POST notify_url` with `{result_code, result_msg, charge}`
 * where the charge is the order row of the document's sample (amounts with three decimals, the
 * numeric status), signed like an answer with the platform key. Headers as cmpay's
 * `worker/AutoOrderNotify.php` sends them through Guzzle (`json` option: PHP json_encode).
 */
import type { SimulatorKit } from '../kit/types.ts'
import { phpJsonEncode, threeDecimals } from './php.ts'
import { platformSigned } from './signing.ts'
import type { Gopay88Store, Order } from './store.ts'

const ZERO = '0.000'

export class Gopay88Notifier {
  private readonly kit: SimulatorKit
  private readonly store: Gopay88Store

  constructor(kit: SimulatorKit, store: Gopay88Store) {
    this.kit = kit
    this.store = store
  }

  async orderPaid(order: Order) {
    const amount = threeDecimals(order.amount)
    const charge = {
      puid: 0,
      pmid: 0,
      mid: Number(order.mchid),
      out_trade_no: order.outTradeNo,
      in_trade_no: '',
      subject: order.subject,
      body: order.body,
      channel: order.channel,
      paytype: 1,
      extra: phpJsonEncode(order.extparam),
      amount,
      pay_amount: amount,
      keyword: null,
      channel_in: ZERO,
      agent_channel_in: ZERO,
      income: ZERO,
      user_in: ZERO,
      agent_in: ZERO,
      platform_in: ZERO,
      currency: order.currency,
      client_ip: order.clientIp,
      return_url: order.returnUrl,
      notify_url: order.notifyUrl,
      status: order.status,
    }
    const { chargeJson, headers } = platformSigned(
      this.store.platformKeys().privateKey,
      charge,
      this.kit.now()
    )
    this.kit.count(order.mchid, 'notify')
    await this.kit.notify(order.mchid, {
      method: 'POST',
      url: order.notifyUrl,
      headers: {
        'User-Agent': 'Mozilla/4.0 (compatible; MSIE 7.0; GoPay88 webhook 1.0; simulator)',
        'Content-Type': 'application/json; charset=UTF-8',
        ...headers,
      },
      body: `{"result_code":"OK","result_msg":"SUCCESS","charge":${chargeJson}}`,
    })
  }
}
