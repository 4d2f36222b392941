/**
 * @module PayU (GPO Europe, REST API 2.1) credentials of one POS, shown in the PayU merchant panel
 * under Online payments → My shops → the shop's POS: the POS id, the OAuth client secret and the
 * second key (MD5) that signs PayU's notifications.
 * Docs: https://developers.payu.com/europe/docs/
 */
import * as z from 'zod'
import { credential } from '../config-schema'

export const payuConfigSchema = z.object({
  posId: credential('POS id (pos_id), which is also the OAuth client_id').regex(
    /^\d+$/,
    'must be digits'
  ),
  clientSecret: credential('OAuth client_secret of the same POS (client_credentials grant)'),
  secondKey: credential(
    'Second key (MD5) of the POS; verifies the OpenPayu-Signature of notifications'
  ).optional(),
})
