/**
 * @module Stripe's card error codes and decline codes, each mapped to the gateway's decline codes.
 * A card error (HTTP 402 `card_error`, or an intent's `last_payment_error`) carries `code` and,
 * for issuer declines, `decline_code`; the decline code is the finer reason and wins.
 * Docs: https://docs.stripe.com/declines/codes, https://docs.stripe.com/error-codes,
 * https://docs.stripe.com/api/errors. The error-code list is stripe-node 23.2.0's
 * `PaymentIntent.LastPaymentError.Code` (`declines.test.ts` checks it against the installed SDK).
 */
import type { DeclineCode } from '../../domain/decline-codes'

/** Stripe decline codes (docs.stripe.com/declines/codes), plus `test_mode_live_card`. */
export const STRIPE_DECLINE_CODES = {
  authentication_required: 'authentication_failed',
  approve_with_id: 'card_declined',
  call_issuer: 'card_declined',
  card_not_supported: 'not_permitted',
  card_velocity_exceeded: 'limit_exceeded',
  currency_not_supported: 'not_permitted',
  do_not_honor: 'card_declined',
  do_not_try_again: 'card_declined',
  duplicate_transaction: 'card_declined',
  expired_card: 'expired_card',
  fraudulent: 'fraud_suspected',
  generic_decline: 'card_declined',
  incorrect_cvc: 'incorrect_cvc',
  incorrect_number: 'invalid_card',
  incorrect_pin: 'card_declined',
  incorrect_zip: 'card_declined',
  insufficient_funds: 'insufficient_funds',
  invalid_account: 'invalid_card',
  invalid_amount: 'limit_exceeded',
  invalid_cvc: 'incorrect_cvc',
  invalid_expiry_month: 'invalid_card',
  invalid_expiry_year: 'invalid_card',
  invalid_number: 'invalid_card',
  invalid_pin: 'card_declined',
  issuer_not_available: 'processing_error',
  // Stripe asks that lost, stolen and picked-up cards be shown to the shopper as a generic
  // decline: the gateway shows Stripe's own message, the merchant sees the reason.
  lost_card: 'fraud_suspected',
  merchant_blacklist: 'fraud_suspected',
  new_account_information_available: 'invalid_card',
  no_action_taken: 'card_declined',
  not_permitted: 'not_permitted',
  offline_pin_required: 'not_permitted',
  online_or_offline_pin_required: 'not_permitted',
  pickup_card: 'fraud_suspected',
  pin_try_exceeded: 'limit_exceeded',
  processing_error: 'processing_error',
  reenter_transaction: 'processing_error',
  restricted_card: 'not_permitted',
  revocation_of_all_authorizations: 'not_permitted',
  revocation_of_authorization: 'not_permitted',
  security_violation: 'fraud_suspected',
  service_not_allowed: 'not_permitted',
  stolen_card: 'fraud_suspected',
  stop_payment_order: 'not_permitted',
  test_mode_live_card: 'invalid_card',
  testmode_decline: 'invalid_card',
  transaction_not_allowed: 'not_permitted',
  try_again_later: 'processing_error',
  withdrawal_count_limit_exceeded: 'limit_exceeded',
} as const satisfies Record<string, DeclineCode>
export type StripeDeclineCode = keyof typeof STRIPE_DECLINE_CODES

/**
 * Every Stripe error code, grouped by the decline code it becomes. Codes that cannot describe a
 * card (account, invoice, tax, terminal, payout errors) say the payment could not be processed.
 */
// biome-ignore format: a table reads better in rows
export const STRIPE_ERROR_CODES_BY_DECLINE = {
  authentication_failed: ['authentication_required', 'payment_intent_authentication_failure', 'setup_intent_authentication_failure', 'payment_intent_action_required', 'payment_intent_payment_attempt_expired', 'three_d_secure_authentication_not_supported'],
  card_declined: ['card_declined', 'payment_intent_payment_attempt_failed', 'payment_method_provider_decline', 'payment_method_customer_decline', 'incorrect_address', 'incorrect_zip', 'incorrect_postal_code'],
  expired_card: ['expired_card', 'expired_payment_method'],
  incorrect_cvc: ['incorrect_cvc', 'invalid_cvc'],
  insufficient_funds: ['insufficient_funds'],
  invalid_card: ['incorrect_number', 'invalid_number', 'invalid_expiry_month', 'invalid_expiry_year', 'token_card_network_invalid'],
  limit_exceeded: ['card_decline_rate_limit_exceeded', 'amount_too_large', 'charge_exceeds_source_limit', 'charge_exceeds_transaction_limit'],
  not_permitted: ['invalid_card_type', 'amount_too_small', 'country_unsupported', 'payment_method_not_available', 'payment_method_unactivated', 'payment_method_restricted', 'payment_method_unsupported_type', 'payment_method_currency_mismatch', 'testmode_charges_only', 'livemode_mismatch'],
  fraud_suspected: [],
  processing_error: [
  'account_closed', 'account_country_invalid_address',
  'account_error_country_change_requires_additional_steps', 'account_information_mismatch',
  'account_invalid', 'account_number_invalid', 'account_token_required_for_v2_account',
  'acss_debit_session_incomplete', 'action_blocked', 'alipay_upgrade_required',
  'anomalous_money_movement_request', 'api_key_expired', 'application_fees_not_allowed',
  'approval_required', 'authentication_failure', 'balance_insufficient',
  'balance_invalid_parameter', 'bank_account_bad_routing_numbers', 'bank_account_declined',
  'bank_account_exists', 'bank_account_restricted', 'bank_account_unusable',
  'bank_account_unverified', 'bank_account_verification_failed', 'billing_invalid_mandate',
  'bitcoin_upgrade_required', 'capability_not_active', 'capture_charge_authorization_expired',
  'capture_unauthorized_payment', 'cardholder_phone_number_required', 'charge_already_captured',
  'charge_already_refunded', 'charge_disputed', 'charge_expired_for_capture',
  'charge_invalid_parameter', 'charge_not_refundable', 'clearing_code_unsupported',
  'country_code_invalid', 'coupon_expired', 'customer_max_payment_methods',
  'customer_max_subscriptions', 'customer_session_expired', 'customer_tax_location_invalid',
  'debit_not_authorized', 'dispute_evidence_page_limit_exceeded', 'email_invalid',
  'failed_tax_calculation', 'financial_account_balance_does_not_support_currency',
  'financial_account_capability_not_enabled', 'financial_account_capability_restricted',
  'financial_connections_account_inactive',
  'financial_connections_account_pending_account_numbers',
  'financial_connections_account_unavailable_account_numbers',
  'financial_connections_consent_locale_invalid',
  'financial_connections_consent_locale_unsupported',
  'financial_connections_no_successful_transaction_refresh', 'forwarding_api_inactive',
  'forwarding_api_invalid_parameter', 'forwarding_api_retryable_upstream_error',
  'forwarding_api_upstream_connection_error', 'forwarding_api_upstream_connection_timeout',
  'forwarding_api_upstream_error', 'idempotency_key_in_use',
  'inactive_api_operation_confirmation_required', 'india_recurring_payment_mandate_canceled',
  'instant_payouts_config_disabled', 'instant_payouts_currency_disabled',
  'instant_payouts_limit_exceeded', 'instant_payouts_unsupported', 'intent_invalid_state',
  'intent_verification_method_missing', 'invalid_canceled_subscription_fields',
  'invalid_characters', 'invalid_charge_amount', 'invalid_mandate_reference_prefix_format',
  'invalid_source_usage', 'invalid_tax_location', 'invoice_no_customer_line_items',
  'invoice_no_payment_method_types', 'invoice_no_subscription_line_items', 'invoice_not_editable',
  'invoice_on_behalf_of_not_editable', 'invoice_payment_intent_requires_action',
  'invoice_upcoming_none', 'lock_timeout', 'missing', 'no_account',
  'not_allowed_on_standard_account', 'out_of_inventory', 'ownership_declaration_not_allowed',
  'parameter_invalid_empty', 'parameter_invalid_integer', 'parameter_invalid_string_blank',
  'parameter_invalid_string_empty', 'parameter_missing', 'parameter_unknown',
  'parameters_exclusive', 'payment_evaluation_on_api_version_not_supported',
  'payment_intent_incompatible_payment_method', 'payment_intent_invalid_parameter',
  'payment_intent_konbini_rejected_confirmation_number', 'payment_intent_mandate_invalid',
  'payment_intent_rate_limit_exceeded', 'payment_intent_unexpected_state',
  'payment_method_bank_account_already_verified', 'payment_method_bank_account_blocked',
  'payment_method_billing_details_address_missing', 'payment_method_configuration_failures',
  'payment_method_invalid_parameter', 'payment_method_invalid_parameter_testmode',
  'payment_method_microdeposit_failed', 'payment_method_microdeposit_processing_error',
  'payment_method_microdeposit_verification_amounts_invalid',
  'payment_method_microdeposit_verification_amounts_mismatch',
  'payment_method_microdeposit_verification_attempts_exceeded',
  'payment_method_microdeposit_verification_descriptor_code_mismatch',
  'payment_method_microdeposit_verification_timeout', 'payment_method_provider_timeout',
  'payment_method_unexpected_state', 'payout_reconciliation_not_ready', 'payouts_limit_exceeded',
  'payouts_not_allowed', 'platform_account_required', 'platform_api_key_expired',
  'postal_code_invalid', 'processing_error', 'product_inactive',
  'progressive_onboarding_limit_exceeded', 'rate_limit', 'refer_to_customer',
  'refund_disputed_payment', 'request_blocked', 'resource_already_exists', 'resource_missing',
  'return_intent_already_processed', 'routing_number_invalid', 'secret_key_required',
  'sepa_unsupported_account', 'service_period_coupon_with_metered_tiered_item_unsupported',
  'setup_attempt_failed', 'setup_intent_invalid_parameter', 'setup_intent_mandate_invalid',
  'setup_intent_mobile_wallet_unsupported', 'setup_intent_setup_attempt_expired',
  'setup_intent_unexpected_state', 'shipping_address_invalid', 'shipping_calculation_failed',
  'siret_invalid', 'sku_inactive', 'smart_disputes_not_available', 'state_unsupported',
  'status_transition_invalid', 'storer_capability_missing', 'storer_capability_not_active',
  'stripe_tax_inactive', 'subscription_update_trial_after_billing_cycle_anchor', 'tax_id_invalid',
  'tax_id_prohibited', 'taxes_calculation_failed', 'terminal_location_country_unsupported',
  'terminal_reader_busy', 'terminal_reader_hardware_fault',
  'terminal_reader_invalid_location_for_activation',
  'terminal_reader_invalid_location_for_payment', 'terminal_reader_offline',
  'terminal_reader_timeout', 'three_d_secure_authentication_upstream_error',
  'tls_version_unsupported', 'token_already_used', 'token_in_use',
  'transfer_source_balance_parameters_mismatch', 'transfers_not_allowed', 'url_invalid',
  ],
} as const satisfies Record<DeclineCode, readonly string[]>
export type StripeErrorCode = (typeof STRIPE_ERROR_CODES_BY_DECLINE)[DeclineCode][number]

const DECLINE_OF_ERROR_CODE = new Map<string, DeclineCode>(
  Object.entries(STRIPE_ERROR_CODES_BY_DECLINE).flatMap(([decline, codes]) =>
    codes.map((code) => [code, decline as DeclineCode] as const)
  )
)

const hasOwn = <T extends object>(table: T, key: string): key is Extract<keyof T, string> =>
  Object.hasOwn(table, key)

/**
 * The gateway's reason for a Stripe card error. A decline or error code Stripe adds after this
 * table was written still declines: as `card_declined` for a `card_error`, else as a processing
 * error; the original codes travel as `providerCode`.
 */
export function declineCodeOf(error: {
  type?: string
  code?: string | null
  decline_code?: string | null
}): DeclineCode {
  if (error.decline_code && hasOwn(STRIPE_DECLINE_CODES, error.decline_code))
    return STRIPE_DECLINE_CODES[error.decline_code]
  const byCode = error.code ? DECLINE_OF_ERROR_CODE.get(error.code) : undefined
  if (byCode) return byCode
  return error.type === 'card_error' ? 'card_declined' : 'processing_error'
}
