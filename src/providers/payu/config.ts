/**
 * @module PayU GPO (Europe) credentials of a POS, from the PayU merchant panel → Online payments →
 * My shops → POS: the POS id and OAuth client secret for the REST API, and the second key (MD5)
 * that signs notifications.
 * Docs: https://developers.payu.com/europe/docs/get-started/integration-overview/references/
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const payuConfigSchema = z.object({
  posId: credential('POS id (pos_id); also the OAuth client_id').regex(/^\d+$/, 'must be digits'),
  clientSecret: credential('OAuth client_secret (client_credentials grant) of the POS'),
  secondKey: credential(
    'Second key (MD5) of the POS: verifies the OpenPayu-Signature of notifications'
  ),
})
