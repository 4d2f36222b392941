/** Generated from docs/openapi.json by `npm run generate`: do not edit by hand. */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness of every binding, the presence of the master secret and well-formed vars */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The providers this gateway speaks, what each can do, and the credentials each needs */
        get: operations["getProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register the first user, who becomes the administrator and owns the first tenant */
        post: operations["postAuthRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in: an access token and a refresh token */
        post: operations["postAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for a new pair (the old one is spent) */
        post: operations["postAuthRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/create-tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a tenant and its first user (administrator only) */
        post: operations["postAuthCreateTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's active API keys */
        get: operations["getAuthApiKeys"];
        put?: never;
        /** Create an API key (the full key is in this answer only) */
        post: operations["postAuthApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["deleteAuthApiKeysById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's configured providers, values masked */
        get: operations["getConfigTenant"];
        put?: never;
        /** Set the tenant's credentials for a provider and environment (replaces earlier ones) */
        post: operations["postConfigTenant"];
        /** Delete the tenant's credentials for a provider (one environment, or both) */
        delete: operations["deleteConfigTenant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/callback-origins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The allowed callback origins */
        get: operations["getConfigCallbackOrigins"];
        /** Replace the allowed callback origins */
        put: operations["putConfigCallbackOrigins"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/callback-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The secret that signs the redirects to your callbackUrl (verify `signature` with it) */
        get: operations["getConfigCallbackSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/callback-secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the callback secret; the previous one keeps signing alongside for 24 hours
         * @description One rotation at a time: while the previous secret still signs, the answer is 409 `rotation_in_progress` and the secrets stay as they are.
         */
        post: operations["postConfigCallbackSecretRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's payments, newest first */
        get: operations["listPayments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a payment: direct card, 3-D Secure (use3D) or hosted (no cardInfo) */
        post: operations["createPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{provider}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund a payment in full or in part (no refundAmount: the rest) */
        post: operations["refundPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{provider}/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment's status (pending and processing payments are checked with the provider) */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        /** Cancel (void) a payment before settlement */
        delete: operations["cancelPayment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{provider}/{paymentId}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Capture an authorized payment (created with capture: false) */
        post: operations["capturePayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{provider}/{paymentId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment's events and refunds, oldest first */
        get: operations["getPaymentHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{provider}/{paymentId}/recurrence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Charge the payment method a recurring payment stored, without the shopper
         * @description The payment must have been made with `recurring: true` and be `recurring: active`. The charge is a new payment whose `parentPaymentId` is this one; it answers like a created payment (201 successful, 402 declined, 202 processing). Send an `Idempotency-Key`.
         */
        post: operations["postPaymentsByProviderByPaymentIdRecurrence"];
        /** Stop further recurring charges of a payment (the provider forgets the method) */
        delete: operations["deletePaymentsByProviderByPaymentIdRecurrence"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callback/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Return from 3-D Secure or a hosted page (called by browsers and providers) */
        get: operations["returnFromProvider"];
        put?: never;
        /** Return from 3-D Secure or a hosted page (called by browsers and providers) */
        post: operations["returnFromProviderByPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pay/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The provider's page for the shopper (3-D Secure, a bank form), served once
         * @description The `redirectUrl` of a pending payment whose provider answered with a page instead of a URL. Single use; it expires with the payment's pending lifetime (at most 30 minutes).
         */
        get: operations["showProviderPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's endpoints */
        get: operations["getConfigWebhooks"];
        put?: never;
        /** Add an endpoint for payment notifications (the signing secret is in this answer only) */
        post: operations["postConfigWebhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an endpoint (pending deliveries to it are dropped) */
        delete: operations["deleteConfigWebhooksById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/webhooks/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret; the old one keeps signing alongside for 24 hours
         * @description One rotation at a time: while the previous secret still signs (24 hours after a rotation), or when another rotation of the same endpoint wins a race, the answer is 409 `rotation_in_progress` and the secrets stay as they are.
         */
        post: operations["postConfigWebhooksByIdRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a signed `webhook.test` event to the endpoint now, and show what it answered
         * @description Signed like every notification (Standard Webhooks, with every active secret), sent at once and not retried or recorded among the deliveries. `delivered` is true for a 2xx answer.
         */
        post: operations["postConfigWebhooksByIdTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notifications sent (or being sent) to your endpoints, newest first */
        get: operations["getWebhooksDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/deliveries/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now (same webhook-id), with a fresh retry schedule */
        post: operations["postWebhooksDeliveriesByIdResend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/deliveries/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send again every event of a time range, oldest first (up to 1,000 events and 2,000 deliveries per call)
         * @description Events are taken in (time, event id) order. When more remain (`truncated: true`), call again with the same `to` and `endpointId`, `from` set to `nextFrom` and `after` to `nextAfter`: the next call starts right after the last event replayed, so following the answers until `truncated` is false replays every event of the range once, even when many share one millisecond.
         */
        post: operations["postWebhooksDeliveriesReplay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An unsigned notification that only names a payment (GoPay: `?id=`); the gateway asks the provider */
        get: operations["receiveProviderStatusPing"];
        put?: never;
        /** A provider's notification about a payment (called by providers, in their own format) */
        post: operations["receiveProviderNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The provider calls made for your tenant, masked, newest first */
        get: operations["getLogsByProvider"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payment statistics, success rates and errors per provider, for one environment */
        get: operations["getAnalyticsDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sales, refunds, chargebacks, net and tax per day, week or month, for one environment
         * @description Gross is the captured amount of payments created in the period that took the money (status `successful`, `refunded`, `partially_refunded` or `chargeback`); refunds are succeeded refunds by the time they were made; chargebacks are payments in status `chargeback` by the time of their last change, for what was not refunded before. Periods start at local midnights of `timezone` (weeks on Monday); the first and last are clipped to `from` and `to`.
         */
        get: operations["getReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payments and refunds the gateway and the provider may disagree about, newest first */
        get: operations["getReconciliationReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/reconciliation/requery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the providers again about what the report lists (one status query per item) */
        post: operations["requeryReconciliation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/risk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your risk rules: thresholds, velocity limits and block lists (the defaults until you change them) */
        get: operations["getConfigRisk"];
        /** Replace your risk rules; the next payment is scored with them */
        put: operations["putConfigRisk"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{provider}/{paymentId}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or reject a payment your risk rules held for review */
        post: operations["postPaymentsByProviderByPaymentIdReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{tenantId}/suspension": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Suspend a tenant: its tokens and API keys are refused from the next request on */
        put: operations["putAdminTenantsByTenantIdSuspension"];
        post?: never;
        /** Lift a tenant's suspension */
        delete: operations["deleteAdminTenantsByTenantIdSuspension"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{userId}/suspension": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Suspend a user: its access and refresh tokens are refused from the next request on */
        put: operations["putAdminUsersByUserIdSuspension"];
        post?: never;
        /** Lift a user's suspension */
        delete: operations["deleteAdminUsersByUserIdSuspension"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a user: its sessions end, and its unexpired access tokens are refused from the next request on */
        delete: operations["deleteAdminUsersByUserId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "payment-event": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A payment changed (sent to your endpoints) */
        post: operations["receivePaymentEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook-test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A test event, sent by POST /v1/config/webhooks/{id}/test */
        post: operations["receiveWebhookTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        PaymentEvent: {
            /**
             * @example payment.succeeded
             * @enum {string}
             */
            type: "payment.created" | "payment.processing" | "payment.review_required" | "payment.authorized" | "payment.succeeded" | "payment.failed" | "payment.cancelled" | "payment.refunded" | "payment.partially_refunded" | "payment.chargeback" | "payment.capture_failed" | "payment.cancel_failed" | "payment.refund_failed";
            /** @example 2026-12-07T10:15:00.000Z */
            timestamp: string;
            data: components["schemas"]["Payment"];
        };
        Payment: {
            success: boolean;
            /** @enum {string} */
            status: "pending" | "processing" | "review" | "authorized" | "successful" | "failed" | "cancelled" | "refunded" | "partially_refunded" | "chargeback";
            /** @example pay_01M97ZZS50W3X0FHXAB725N1WK */
            paymentId: string;
            /** @description The provider's id for the payment. */
            transactionId: string | null;
            provider: string;
            /** @enum {string} */
            environment: "test" | "production";
            /**
             * @description Major units, for display.
             * @example 100.5
             */
            amount: number;
            /**
             * @description The exact amount in minor units.
             * @example 10050
             */
            amountMinor: number;
            currency: string;
            capturedAmount: number;
            /** @description Captured so far; less than the amount after a partial capture. */
            capturedAmountMinor: number;
            refundedAmount: number;
            refundedAmountMinor: number;
            /** @description Send the shopper here (3-D Secure, hosted page). */
            redirectUrl?: string;
            /** @description A capture or cancel the provider accepted and will settle later (answered 202); its notification moves the payment on and announces it by webhook. */
            pendingOperation?: {
                /** @enum {string} */
                type: "capture" | "cancel";
                amount?: number;
                amountMinor?: number;
            };
            /**
             * @description `recurring: true` payments: `active` once the provider stored the payment method; charge it with `POST …/{paymentId}/recurrence`.
             * @enum {string}
             */
            recurring?: "requested" | "active" | "stopped";
            /** @description For a recurring charge: the payment whose method it charged. */
            parentPaymentId?: string;
            message?: string;
            declineCode?: string;
            /** @example 424242******4242 */
            card?: string;
            /** @description The same card gives the same value within your tenant (a keyed HMAC of its number): block cards by it in `PUT /v1/config/risk`. */
            cardFingerprint?: string;
            orderId?: string;
            risk?: components["schemas"]["PaymentRisk"];
            createdAt: string;
            updatedAt: string;
        };
        PaymentRisk: {
            score: number;
            /**
             * @description `challenge`: 3-D Secure was required; `review`: authorized only and held until `POST …/review`.
             * @enum {string}
             */
            decision: "allow" | "challenge" | "review";
            reasons: components["schemas"]["RiskReason"][];
            /** @description The version of your rules that scored it. */
            rulesVersion: number;
            /** @description A held payment is captured when approved (it was created with `capture: true`). */
            captureOnApproval?: boolean;
            review?: {
                /** @enum {string} */
                decision: "approve" | "reject";
                at: string;
            };
        };
        RiskReason: {
            /** @enum {string} */
            code: "block_listed_card" | "block_listed_email" | "block_listed_ip" | "block_listed_bin" | "card_failures" | "email_failures" | "ip_failures" | "ip_attempts" | "email_attempts" | "ip_cards" | "email_cards" | "small_amounts" | "amount_outlier" | "country_mismatch";
            points: number;
            message: string;
        };
        WebhookTestEvent: {
            /** @enum {string} */
            type: "webhook.test";
            timestamp: string;
            data: {
                endpointId: string;
                message: string;
            };
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "degraded";
            checks: {
                database: {
                    ok: boolean;
                    problem?: string;
                };
                kv: {
                    ok: boolean;
                    problem?: string;
                };
                durableObject: {
                    ok: boolean;
                    problem?: string;
                };
                encryptionKey: {
                    ok: boolean;
                    problem?: string;
                    /** @description While `CONFIG_ENCRYPTION_KEY_PREVIOUS` is set: values the cron has still to seal again under the new key. At 0 the previous secret can be deleted. */
                    rotation?: {
                        remaining: number;
                    };
                };
                config: {
                    ok: boolean;
                    problem?: string;
                    /** @description Each malformed var and what is wrong with it; never its value. */
                    vars?: {
                        var: string;
                        problem: string;
                    }[];
                };
            };
        };
        Provider: {
            /** @example iyzico */
            id: string;
            displayName: string;
            /** @description True when the provider publishes no authoritative protocol reference for what the adapter relies on; see its page in docs/providers/. */
            experimental: boolean;
            configKeys: {
                key: string;
                required: boolean;
                description: string;
            }[];
            capabilities: components["schemas"]["ProviderCapabilities"];
        };
        ProviderCapabilities: {
            /** @description Direct card payments (cardInfo). */
            card: boolean;
            /** @description 3-D Secure for card payments (use3D). */
            threeDS: boolean;
            /** @description Payments without cardInfo: a hosted page or a wallet. */
            hosted: boolean;
            /** @description Authorize only (capture: false), then capture. */
            capture: boolean;
            partialCapture: boolean;
            /** @description Void before settlement (DELETE). */
            cancel: boolean;
            refund: boolean;
            partialRefund: boolean;
            /** @description recurring: true, then charges without the shopper (…/recurrence). */
            recurring: boolean;
            /** @description The provider notifies /v1/webhooks/{id}. */
            webhooks: boolean;
            environments: ("test" | "production")[];
        };
        Account: {
            /** @enum {boolean} */
            success: true;
            tenantId: string;
            username: string;
            /** @enum {string} */
            role: "admin" | "tenant";
        };
        /**
         * @example {
         *       "success": false,
         *       "error": {
         *         "code": "invalid_request",
         *         "message": "Invalid request: amount has too many decimals: TRY allows 2 decimals.",
         *         "requestId": "req_Z9vBeX09HFbHijaR",
         *         "docUrl": "https://pay.example.com/docs/errors#invalid_request",
         *         "details": [
         *           {
         *             "path": "amount",
         *             "message": "has too many decimals: TRY allows 2 decimals"
         *           }
         *         ]
         *       }
         *     }
         */
        Error: {
            /** @enum {boolean} */
            success: false;
            error: {
                /**
                 * @description Stable, machine-readable error code.
                 * @enum {string}
                 */
                code: "invalid_json" | "invalid_request" | "unauthorized" | "token_expired" | "invalid_credentials" | "invalid_refresh_token" | "forbidden" | "registration_closed" | "account_suspended" | "not_found" | "route_not_found" | "provider_not_found" | "method_not_allowed" | "username_taken" | "idempotency_in_flight" | "invalid_transition" | "rotation_in_progress" | "notification_in_progress" | "version_conflict" | "payload_too_large" | "unsupported_media_type" | "weak_password" | "missing_config_key" | "unknown_config_key" | "invalid_config_value" | "invalid_origin" | "callback_url_not_allowed" | "invalid_webhook_url" | "idempotency_key_reused" | "provider_not_configured" | "environment_not_supported" | "not_supported" | "refund_exceeds_captured" | "provider_rejected" | "risk_blocked" | "limit_reached" | "rate_limited" | "account_locked" | "internal_error" | "provider_error" | "service_not_configured" | "config_invalid" | "temporarily_unavailable";
                message: string;
                /** @example req_Z9vBeX09HFbHijaR */
                requestId: string;
                /**
                 * Format: uri
                 * @description Where this code is explained, with what to do about it.
                 * @example https://pay.example.com/docs/errors#token_expired
                 */
                docUrl: string;
                details?: unknown;
            };
        };
        Credentials: {
            /** @example admin */
            username: string;
            /** @example securepassword123 */
            password: string;
        };
        Session: {
            /** @enum {boolean} */
            success: true;
            /** @description Access token (JWT, ES256), valid for 15 minutes. */
            token: string;
            /** @description Single-use; exchange at /v1/auth/refresh. */
            refreshToken: string;
            /** @description When `token` expires (ISO 8601). */
            expiresAt: string;
            tenantId: string;
        };
        RefreshRequest: {
            refreshToken: string;
        };
        CreateTenantRequest: components["schemas"]["Credentials"] & {
            /** @description Defaults to the username. */
            name?: string;
        };
        ApiKey: {
            /** @example key_01M8RBK6T0ZCS2Z1SAFWMFECD3 */
            id: string;
            name: string;
            /** @enum {string} */
            mode: "test" | "live";
            /** @example gpk_test_7Hq2… */
            displayPrefix: string;
            last4: string;
            createdAt: string;
        };
        CreateApiKeyRequest: {
            /** @example checkout server */
            name: string;
            /**
             * @description `test` keys act on test-environment configs only.
             * @default test
             * @enum {string}
             */
            mode?: "test" | "live";
        };
        ProviderConfig: {
            /** @example iyzico */
            provider: string;
            /**
             * @description Which provider environment the credentials are for.
             * @example test
             * @enum {string}
             */
            environment: "test" | "production";
            configs: {
                key: string;
                /** @example sand…6Hs */
                value: string;
            }[];
            updatedAt: string;
        };
        SaveProviderConfigRequest: {
            /** @example iyzico */
            provider: string;
            /**
             * @description Which provider environment the credentials are for.
             * @example test
             * @enum {string}
             */
            environment: "test" | "production";
            configs: {
                key: string;
                value: string;
            }[];
        };
        CallbackOrigins: {
            /** @enum {boolean} */
            success: true;
            origins: {
                /** @example https://shop.example.com */
                origin: string;
                /** @description True for loopback origins: test payments only. */
                testOnly: boolean;
            }[];
        };
        PutCallbackOriginsRequest: {
            /**
             * @example [
             *       "https://shop.example.com"
             *     ]
             */
            origins: string[];
        };
        CallbackSecret: {
            /** @enum {boolean} */
            success: true;
            /** @example cbsec_pClIs6GZB98V8RWhaKL15LclW9D_WJRlNS8KbdAdEm0 */
            callbackSecret: string;
            /** @description After a rotation: until then the previous secret signs too (`signature` lists both, the current one first). */
            previousSecretExpiresAt: string | null;
        };
        CreatePaymentRequest: {
            /**
             * @description Amount in major units (100.50 TRY); no more decimals than the currency has.
             * @example 100.5
             */
            amount: number | string;
            /** @example TRY */
            currency: string;
            customer: {
                name: string;
                surname: string;
                /** Format: email */
                email: string;
                phoneNumber?: string;
                ipAddress?: string;
                /**
                 * @description The country of `ipAddress` (ISO 3166-1 alpha-2), from your GeoIP lookup or Cloudflare's `CF-IPCountry`; the risk score compares it with the card's country.
                 * @example TR
                 */
                ipCountry?: string;
                address?: {
                    city?: string;
                    country?: string;
                    address?: string;
                    zipCode?: string;
                };
            };
            cardInfo?: {
                cardHolderName: string;
                /** @example 5528790000000008 */
                cardNumber: string;
                /** @example 12 */
                expireMonth: string | number;
                /** @example 2030 */
                expireYear: string | number;
                /** @example 123 */
                cvv: string;
            };
            /** @default false */
            use3D?: boolean;
            /** @example https://shop.example.com/payment-callback */
            callbackUrl?: string;
            /** @enum {string} */
            environment?: "test" | "production";
            /**
             * @description `false` authorizes only; capture later.
             * @default true
             */
            capture?: boolean;
            description?: string;
            orderId?: string;
            conversationId?: string;
            items?: {
                id?: string;
                name: string;
                category?: string;
                /**
                 * @description Amount in major units (100.50 TRY); no more decimals than the currency has.
                 * @example 100.5
                 */
                price: number | string;
                quantity?: number;
                /**
                 * @description Tax rate in percent (0–100, up to 2 decimals) included in `price`; the tax report splits it out.
                 * @example 20
                 */
                taxRate?: number;
            }[];
            installmentCount?: number;
            /**
             * @description Store the payment method with the provider, to charge it again later without the shopper (`POST /v1/payments/{provider}/{paymentId}/recurrence`). Providers list `recurring` among their capabilities.
             * @default false
             */
            recurring?: boolean;
            /** @description For payments without cardInfo: the provider's own method name (Adyen `gopay_wallet`, GoPay88 `gopay_bankupi`, GoPay `PAYMENT_CARD`); each provider has a default. */
            paymentMethod?: string;
        };
        RefundRequest: {
            paymentId: string;
            /**
             * @description Amount in major units (100.50 TRY); no more decimals than the currency has.
             * @example 100.5
             */
            refundAmount?: number | string;
            reason?: string;
        };
        PaymentHistoryEvent: {
            /** @example evt_01M97ZZS50NJQEZ8N1AJ69XGGS */
            id: string;
            /** @example payment.succeeded */
            type: string;
            /** @example 2026-12-07T10:15:00.000Z */
            createdAt: string;
            payment: components["schemas"]["Payment"] & unknown;
        };
        PaymentHistoryRefund: {
            /** @example re_01M982NV20T472144BW0S44B0H */
            id: string;
            /** @enum {string} */
            status: "processing" | "succeeded" | "failed";
            /** @example 25.5 */
            amount: number;
            /** @example 2550 */
            amountMinor: number;
            /** @example TRY */
            currency: string;
            /** @example Returned item */
            reason: string | null;
            /** @example sbxre_01M982NV7M3J2Q2ZY751Z187YE */
            providerRefundId: string | null;
            /** @example 2026-12-07T11:02:00.310Z */
            createdAt: string;
            /** @example 2026-12-07T11:02:00.310Z */
            updatedAt: string;
        };
        RecurringChargeRequest: {
            /**
             * @description Amount in major units (100.50 TRY); no more decimals than the currency has.
             * @example 100.5
             */
            amount: number | string;
            /** @example TRY */
            currency: string;
            orderId?: string;
            description?: string;
        };
        WebhookEndpoint: {
            /** @example we_01M8RCENQ05462FEA1G305W5PH */
            id: string;
            url: string;
            /** @enum {string} */
            mode: "test" | "live";
            /** @description Event types sent; null for all. */
            events: string[] | null;
            description: string | null;
            /** @enum {string} */
            status: "enabled" | "disabled";
            disabledReason: string | null;
            createdAt: string;
        };
        CreateWebhookEndpointRequest: {
            /** @example https://shop.example.com/webhooks/gopay */
            url: string;
            /**
             * @description `test` endpoints get events of test payments, `live` ones of production payments.
             * @default test
             * @enum {string}
             */
            mode?: "test" | "live";
            events?: ("payment.created" | "payment.processing" | "payment.review_required" | "payment.authorized" | "payment.succeeded" | "payment.failed" | "payment.cancelled" | "payment.refunded" | "payment.partially_refunded" | "payment.chargeback" | "payment.capture_failed" | "payment.cancel_failed" | "payment.refund_failed")[];
            description?: string;
        };
        WebhookTestResult: {
            /** @enum {boolean} */
            success: true;
            /** @example msg_01M8RCGGA0XHRC9HDT6MY1XWPP */
            webhookId: string;
            delivered: boolean;
            /** @description Null: no answer. */
            statusCode: number | null;
            /** @example HTTP 500 */
            error: string | null;
            durationMs: number;
        };
        WebhookDelivery: {
            /**
             * @description The webhook-id header of every attempt.
             * @example msg_01M97ZZS68T85E6S0R1SP6J5T7
             */
            id: string;
            endpointId: string;
            eventId: string;
            eventType: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            lastStatusCode: number | null;
            lastError: string | null;
            nextAttemptAt: string | null;
            deliveredAt: string | null;
            createdAt: string;
        };
        ReplayRequest: {
            /**
             * Format: date-time
             * @example 2026-12-07T00:00:00Z
             */
            from: string;
            /**
             * Format: date-time
             * @description Exclusive.
             * @example 2026-12-08T00:00:00Z
             */
            to: string;
            /** @example we_01M8RCENQ05462FEA1G305W5PH */
            endpointId?: string;
            /**
             * @description A previous answer's `nextAfter`, passed back as is with its `nextFrom` as `from`: only events after that one are replayed.
             * @example evt_01M97ZZS50NJQEZ8N1AJ69XGGS
             */
            after?: string;
        };
        ProviderCall: {
            /** @example plog_01M97ZZS50CAZW9WMM815RDDNW */
            id: string;
            provider: string;
            /** @enum {string|null} */
            environment: "test" | "production" | null;
            paymentId: string | null;
            /** @description The `X-Request-Id` of the request that made the call; null for the cron. */
            requestId: string | null;
            /** @example create */
            operation: string;
            /** @example succeeded */
            outcome: string;
            /** @description Null: no answer arrived. */
            httpStatus: number | null;
            latencyMs: number;
            request: {
                method: string;
                url: string;
                body: string | null;
            };
            response: string | null;
            createdAt: string;
        };
        AnalyticsDashboard: {
            /** @enum {boolean} */
            success: true;
            /** @description The tenant, or `all`. */
            tenant: string;
            /** @enum {string} */
            environment: "test" | "production";
            from: string;
            to: string;
            /** @enum {string} */
            bucket: "hour" | "day";
            payments: {
                count: number;
                byStatus: {
                    status: string;
                    currency: string;
                    count: number;
                    volumeMinor: number;
                }[];
            };
            providers: {
                provider: string;
                count: number;
                succeeded: number;
                failed: number;
                /** @description succeeded / (succeeded + failed); null when none ended. */
                successRate: number | null;
                topDeclineCodes: {
                    code: string;
                    count: number;
                }[];
                latencyMs: {
                    p50: number;
                    p95: number;
                    calls: number;
                } | null;
            }[];
            refunds: {
                currency: string;
                payments: number;
                amountMinor: number;
            }[];
            chargebacks: {
                currency: string;
                count: number;
                amountMinor: number;
            }[];
            webhooks: {
                delivered: number;
                failed: number;
                pending: number;
                successRate: number | null;
            };
            series: {
                start: string;
                count: number;
                succeeded: number;
                failed: number;
                volumeMinor: {
                    [key: string]: number;
                };
            }[];
        };
        Report: {
            /** @enum {boolean} */
            success: true;
            /** @enum {string} */
            period: "daily" | "weekly" | "monthly";
            timezone: string;
            from: string;
            to: string;
            /** @enum {string} */
            environment: "test" | "production";
            rows: {
                /** @description First local day of the period. */
                periodStart: string;
                /** @description Last local day of the period (inclusive). */
                periodEnd: string;
                /** @description The local midnight starting the period, in UTC. */
                startsAt: string;
                /** @description The local midnight ending it (exclusive), in UTC. */
                endsAt: string;
                currency: string;
                provider: string;
                successfulCount: number;
                failedCount: number;
                grossMinor: number;
                /** @description Major units, the currency's decimals. */
                gross: string;
                refundCount: number;
                refundsMinor: number;
                /** @description Major units, the currency's decimals. */
                refunds: string;
                chargebackCount: number;
                chargebacksMinor: number;
                /** @description Major units, the currency's decimals. */
                chargebacks: string;
                /** @description Always null: no provider adapter reports its fees yet. */
                providerFeesMinor: null;
                providerFees: null;
                /** @description gross − refunds − chargebacks; may be negative. */
                netMinor: number;
                /** @description Major units, the currency's decimals. */
                net: string;
            }[];
            tax: {
                periodStart: string;
                periodEnd: string;
                currency: string;
                /** @description Percent; null for order lines sent without a taxRate. */
                taxRate: number | null;
                lineCount: number;
                grossMinor: number;
                /** @description Major units, the currency's decimals. */
                gross: string;
                taxMinor: number | null;
                /** @description Major units, the currency's decimals. */
                tax: string | null;
            }[];
        };
        ReconciliationPayment: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "payment";
            paymentId: string;
            provider: string;
            /** @enum {string} */
            environment: "test" | "production";
            /**
             * @description `state_mismatch`: the provider last reported another state; `unknown_outcome`: no answer from the provider yet; `stuck_processing`: still open past the reconcile threshold.
             * @enum {string}
             */
            reason: "state_mismatch" | "unknown_outcome" | "stuck_processing";
            /**
             * @description The gateway's status.
             * @enum {string}
             */
            status: "pending" | "processing" | "review" | "authorized" | "successful" | "failed" | "cancelled" | "refunded" | "partially_refunded" | "chargeback";
            /** @description Outcome of the latest provider call about the payment's state; null: none. */
            providerOutcome: string | null;
            providerOperation: string | null;
            providerReportedAt: string | null;
            /** @description The `X-Request-Id` of that call; null when the cron made it. */
            requestId: string | null;
            amount: number;
            amountMinor: number;
            currency: string;
            createdAt: string;
            updatedAt: string;
            ageSeconds: number;
        };
        ReconciliationRefund: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "refund";
            refundId: string;
            paymentId: string;
            provider: string;
            /** @enum {string} */
            environment: "test" | "production";
            /** @enum {string} */
            status: "processing";
            amount: number;
            amountMinor: number;
            currency: string;
            createdAt: string;
            ageSeconds: number;
        };
        ReconciliationRequery: {
            /** @description These payments only. Absent: every payment on the report (first 50 items). */
            paymentIds?: string[];
            /** @description Also send the processing refunds again. Defaults to true without paymentIds, else false. */
            refunds?: boolean;
        };
        RiskRuleSet: {
            /** @enum {boolean} */
            success: true;
            /** @description 0 while the defaults apply. */
            version: number;
            updatedAt: string | null;
            rules: components["schemas"]["RiskRules"];
        };
        RiskRules: {
            /**
             * @description False scores and records every payment but never acts on the score.
             * @default true
             */
            enabled?: boolean;
            /**
             * @default {
             *       "challenge": 30,
             *       "review": 60,
             *       "block": 80
             *     }
             */
            thresholds?: {
                /**
                 * @description From this score a card payment must pass 3-D Secure (`use3D` is forced).
                 * @default 30
                 */
                challenge?: number;
                /**
                 * @description From this score the payment is authorized only and held in `status: review` until approved or rejected.
                 * @default 60
                 */
                review?: number;
                /**
                 * @description From this score the payment is refused (422 `risk_blocked`) before any provider call.
                 * @default 80
                 */
                block?: number;
            };
            /**
             * @default {
             *       "failureWindowMinutes": 60,
             *       "maxCardFailures": 3,
             *       "maxEmailFailures": 5,
             *       "maxIpFailures": 5,
             *       "maxCardsPerIp": 3,
             *       "maxCardsPerEmail": 3,
             *       "burstWindowMinutes": 10,
             *       "maxAttemptsPerIp": 10,
             *       "maxAttemptsPerEmail": 10,
             *       "maxSmallAmounts": 5
             *     }
             */
            velocity?: {
                /**
                 * @description The sliding window in which failed attempts and distinct cards are counted.
                 * @default 60
                 */
                failureWindowMinutes?: number;
                /**
                 * @description Failed attempts with one card (by fingerprint) before it scores `card_failures`.
                 * @default 3
                 */
                maxCardFailures?: number;
                /** @default 5 */
                maxEmailFailures?: number;
                /** @default 5 */
                maxIpFailures?: number;
                /**
                 * @description Distinct cards from one shopper IP address in the window before `ip_cards`.
                 * @default 3
                 */
                maxCardsPerIp?: number;
                /** @default 3 */
                maxCardsPerEmail?: number;
                /**
                 * @description The short window in which rapid attempts and small amounts are counted.
                 * @default 10
                 */
                burstWindowMinutes?: number;
                /** @default 10 */
                maxAttemptsPerIp?: number;
                /** @default 10 */
                maxAttemptsPerEmail?: number;
                /**
                 * @description Attempts with a small amount from one IP address, email or card in the burst window before `small_amounts`.
                 * @default 5
                 */
                maxSmallAmounts?: number;
            };
            /**
             * @default {
             *       "outlierFactor": 10,
             *       "smallFactor": 0.05,
             *       "minHistory": 20
             *     }
             */
            amounts?: {
                /**
                 * @description An amount this many times the tenant's usual (geometric mean) for the currency scores `amount_outlier`.
                 * @default 10
                 */
                outlierFactor?: number;
                /**
                 * @description An amount at most this fraction of the tenant's usual for the currency is small.
                 * @default 0.05
                 */
                smallFactor?: number;
                /**
                 * @description Payments in a currency before its usual amount is trusted.
                 * @default 20
                 */
                minHistory?: number;
            };
            /**
             * @default {
             *       "cardFingerprints": [],
             *       "emails": [],
             *       "ips": [],
             *       "binPrefixes": []
             *     }
             */
            blockLists?: {
                /**
                 * @description Cards by the `cardFingerprint` a payment shows (a keyed HMAC of the number, per tenant).
                 * @default []
                 */
                cardFingerprints?: string[];
                /**
                 * @default []
                 * @example [
                 *       "fraud@example.com",
                 *       "@mailinator.com"
                 *     ]
                 */
                emails?: string[];
                /**
                 * @default []
                 * @example [
                 *       "203.0.113.7"
                 *     ]
                 */
                ips?: (string)[];
                /**
                 * @default []
                 * @example [
                 *       "411111"
                 *     ]
                 */
                binPrefixes?: string[];
            };
        };
        PutRiskRulesRequest: {
            /** @description The version you edited: a change stored since then makes this a 409 instead of overwriting it. */
            version?: number;
            rules: components["schemas"]["RiskRules"];
        };
        ReviewPaymentRequest: {
            /**
             * @description `approve` authorizes it for good and captures it if it was created with `capture: true`; `reject` voids the authorization.
             * @enum {string}
             */
            decision: "approve" | "reject";
        };
        Suspension: {
            /** @enum {boolean} */
            success: true;
            tenantId: string;
            userId?: string;
            suspended: boolean;
        };
        DeletedUser: {
            /** @enum {boolean} */
            success: true;
            tenantId: string;
            userId: string;
            /** @enum {boolean} */
            deleted: true;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Everything works. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "checks": {
                     *         "database": {
                     *           "ok": true
                     *         },
                     *         "kv": {
                     *           "ok": true
                     *         },
                     *         "durableObject": {
                     *           "ok": true
                     *         },
                     *         "encryptionKey": {
                     *           "ok": true
                     *         },
                     *         "config": {
                     *           "ok": true
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Something is missing or down; `checks` says what. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "degraded",
                     *       "checks": {
                     *         "database": {
                     *           "ok": true
                     *         },
                     *         "kv": {
                     *           "ok": false,
                     *           "problem": "unreachable"
                     *         },
                     *         "durableObject": {
                     *           "ok": true
                     *         },
                     *         "encryptionKey": {
                     *           "ok": true
                     *         },
                     *         "config": {
                     *           "ok": false,
                     *           "problem": "TENANT_PAYMENT_RATE_LIMIT: Invalid input: expected number, received NaN",
                     *           "vars": [
                     *             {
                     *               "var": "TENANT_PAYMENT_RATE_LIMIT",
                     *               "problem": "Invalid input: expected number, received NaN"
                     *             }
                     *           ]
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Providers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "data": [
                     *         {
                     *           "id": "sandbox",
                     *           "displayName": "Sandbox (built in)",
                     *           "experimental": false,
                     *           "configKeys": [],
                     *           "capabilities": {
                     *             "card": true,
                     *             "threeDS": true,
                     *             "hosted": false,
                     *             "capture": true,
                     *             "partialCapture": true,
                     *             "cancel": true,
                     *             "refund": true,
                     *             "partialRefund": true,
                     *             "recurring": false,
                     *             "webhooks": true,
                     *             "environments": [
                     *               "test"
                     *             ]
                     *           }
                     *         },
                     *         {
                     *           "id": "iyzico",
                     *           "displayName": "iyzico",
                     *           "experimental": false,
                     *           "configKeys": [
                     *             {
                     *               "key": "apiKey",
                     *               "required": true,
                     *               "description": "API key from the iyzico merchant panel (Settings → Company settings)"
                     *             },
                     *             {
                     *               "key": "secretKey",
                     *               "required": true,
                     *               "description": "Secret key paired with the API key; signs every request (IYZWSv2) and verifies callbacks and webhooks"
                     *             },
                     *             {
                     *               "key": "locale",
                     *               "required": false,
                     *               "description": "Language of iyzico's messages and payment form: tr (default) or en"
                     *             }
                     *           ],
                     *           "capabilities": {
                     *             "card": true,
                     *             "threeDS": true,
                     *             "hosted": true,
                     *             "capture": true,
                     *             "partialCapture": true,
                     *             "cancel": true,
                     *             "refund": true,
                     *             "partialRefund": true,
                     *             "recurring": false,
                     *             "webhooks": true,
                     *             "environments": [
                     *               "test",
                     *               "production"
                     *             ]
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Provider"][];
                    };
                };
            };
        };
    };
    postAuthRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "admin",
                 *       "password": "securepassword123"
                 *     }
                 */
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description The administrator was created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "tenantId": "ten_01M8NTXDM0QAZNAGWKN4CZ86S2",
                     *       "username": "admin",
                     *       "role": "admin"
                     *     }
                     */
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A user already exists (`registration_closed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The password breaks the policy (`weak_password`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "admin",
                 *       "password": "securepassword123"
                 *     }
                 */
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "token": "eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6InNrXzAxTThOVFhETTBNS0dBSDY3NjJGM05CUzFaIn0.eyJ0aWQiOiJ0ZW5fMDFNOE5UWERNMFFBWk5BR1dLTjRDWjg2UzIiLCJyb2xlIjoiYWRtaW4iLCJpc3MiOiJodHRwczovL3BheS5leGFtcGxlLmNvbSIsImF1ZCI6Imh0dHBzOi8vcGF5LmV4YW1wbGUuY29tL3YxIiwic3ViIjoidXNyXzAxTThOVFhETTBLSk1TSjVFQUFGNVFYUENaIiwiaWF0IjoxNzk2NjM3MzAwLCJleHAiOjE3OTY2MzgyMDB9.zgSiD3w8tTl3cB7QXWae5Z0DTVV6Bc0hmHxXx5Fxc15SMmuDLeRAKfR8NtXA9gSUSxJfRV7P13OZ7999kiwI3Q",
                     *       "refreshToken": "gprt_bjpzmDdrb410kZmWohCq1BWGx9mhaUiQKUoNKGP9WBd",
                     *       "expiresAt": "2026-12-07T10:10:00.000Z",
                     *       "tenantId": "ten_01M8NTXDM0QAZNAGWKN4CZ86S2"
                     *     }
                     */
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Wrong username or password (`invalid_credentials`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The tenant or the user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many attempts or failed sign-ins from this address (`rate_limited`), or too many failures for this account from this address (`account_locked`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "refreshToken": "gprt_bjpzmDdrb410kZmWohCq1BWGx9mhaUiQKUoNKGP9WBd"
                 *     }
                 */
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description A new access token and refresh token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "token": "eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6InNrXzAxTThOVFhETTBNS0dBSDY3NjJGM05CUzFaIn0.eyJ0aWQiOiJ0ZW5fMDFNOE5UWERNMFFBWk5BR1dLTjRDWjg2UzIiLCJyb2xlIjoiYWRtaW4iLCJpc3MiOiJodHRwczovL3BheS5leGFtcGxlLmNvbSIsImF1ZCI6Imh0dHBzOi8vcGF5LmV4YW1wbGUuY29tL3YxIiwic3ViIjoidXNyXzAxTThOVFhETTBLSk1TSjVFQUFGNVFYUENaIiwiaWF0IjoxNzk2NjM3OTAwLCJleHAiOjE3OTY2Mzg4MDB9.6EDExTVMsTZ54TtNIHbFJ5Wd3F7gSLZJWTJuR5alz4quhz0GKgWGl7HyO087u4QwKRykJHNP-R6quyZzBcw2eA",
                     *       "refreshToken": "gprt_00DdLdw4UoMUku3c6gMfeTHwjgGd1LgBZuO00CedT4X",
                     *       "expiresAt": "2026-12-07T10:20:00.000Z",
                     *       "tenantId": "ten_01M8NTXDM0QAZNAGWKN4CZ86S2"
                     *     }
                     */
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown, expired or already used refresh token (`invalid_refresh_token`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The tenant or the user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthCreateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "bosphorus-books",
                 *       "password": "tulip-harbor-quartz-71",
                 *       "name": "Bosphorus Books"
                 *     }
                 */
                "application/json": components["schemas"]["CreateTenantRequest"];
            };
        };
        responses: {
            /** @description The tenant and its user were created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "tenantId": "ten_01M8VGW5R0V20CF9Q8KTMDHA4V",
                     *       "username": "bosphorus-books",
                     *       "role": "tenant"
                     *     }
                     */
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The username is taken (`username_taken`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The password breaks the policy (`weak_password`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuthApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "data": [
                     *         {
                     *           "id": "key_01M8RBK6T0ZCS2Z1SAFWMFECD3",
                     *           "name": "checkout server",
                     *           "mode": "test",
                     *           "displayPrefix": "gpk_test_7Hq2…",
                     *           "last4": "EPFl",
                     *           "createdAt": "2026-12-01T08:30:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ApiKey"][];
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAuthApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "checkout server",
                 *       "mode": "test"
                 *     }
                 */
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description The new key. Store it now: it cannot be shown again. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "key": "gpk_test_7Hq28UzCAxQ7QC4D8qA4GUKpFxCGdf1L6SUkLw3EPFl",
                     *       "apiKey": {
                     *         "id": "key_01M8RBK6T0ZCS2Z1SAFWMFECD3",
                     *         "name": "checkout server",
                     *         "mode": "test",
                     *         "displayPrefix": "gpk_test_7Hq2…",
                     *         "last4": "EPFl",
                     *         "createdAt": "2026-12-01T08:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        key: string;
                        apiKey: components["schemas"]["ApiKey"];
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The tenant already has 20 active keys in this mode (`limit_reached`); revoke one first. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAuthApiKeysById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (revoking a revoked key again answers the same). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "id": "key_01M8RBK6T0ZCS2Z1SAFWMFECD3",
                     *       "revoked": true
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        id: string;
                        /** @enum {boolean} */
                        revoked: true;
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such key in this tenant (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConfigTenant: {
        parameters: {
            query?: {
                provider?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Configs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "data": [
                     *         {
                     *           "provider": "iyzico",
                     *           "environment": "test",
                     *           "configs": [
                     *             {
                     *               "key": "apiKey",
                     *               "value": "sand…6Hs"
                     *             },
                     *             {
                     *               "key": "secretKey",
                     *               "value": "sand…R0e"
                     *             }
                     *           ],
                     *           "updatedAt": "2026-12-01T08:40:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ProviderConfig"][];
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider, or none configured for it (`provider_not_found`, `not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postConfigTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "provider": "iyzico",
                 *       "environment": "test",
                 *       "configs": [
                 *         {
                 *           "key": "apiKey",
                 *           "value": "sandbox-q8Xz1LmN4pR7tV2wY5bC6Hs"
                 *         },
                 *         {
                 *           "key": "secretKey",
                 *           "value": "sandbox-K3jH9gF2dS5aP8oI1uY4tR0e"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["SaveProviderConfigRequest"];
            };
        };
        responses: {
            /** @description Saved; values masked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "config": {
                     *         "provider": "iyzico",
                     *         "environment": "test",
                     *         "configs": [
                     *           {
                     *             "key": "apiKey",
                     *             "value": "sand…6Hs"
                     *           },
                     *           {
                     *             "key": "secretKey",
                     *             "value": "sand…R0e"
                     *           }
                     *         ],
                     *         "updatedAt": "2026-12-01T08:40:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        config: components["schemas"]["ProviderConfig"];
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider (`provider_not_found`); `details.knownProviders` lists them. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A required key is missing, a key is unknown or a value is invalid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteConfigTenant: {
        parameters: {
            query: {
                provider: string;
                /** @description Which provider environment the credentials are for. */
                environment?: "test" | "production";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "provider": "iyzico",
                     *       "deleted": [
                     *         "test"
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        provider: string;
                        deleted: ("test" | "production")[];
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider, or nothing configured to delete. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConfigCallbackOrigins: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stored list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "origins": [
                     *         {
                     *           "origin": "http://localhost:3000",
                     *           "testOnly": true
                     *         },
                     *         {
                     *           "origin": "https://shop.example.com",
                     *           "testOnly": false
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CallbackOrigins"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putConfigCallbackOrigins: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "origins": [
                 *         "https://shop.example.com",
                 *         "http://localhost:3000"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["PutCallbackOriginsRequest"];
            };
        };
        responses: {
            /** @description The stored list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "origins": [
                     *         {
                     *           "origin": "http://localhost:3000",
                     *           "testOnly": true
                     *         },
                     *         {
                     *           "origin": "https://shop.example.com",
                     *           "testOnly": false
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CallbackOrigins"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An entry is not an acceptable origin (`invalid_origin`); `details` says why. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConfigCallbackSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "callbackSecret": "cbsec_pClIs6GZB98V8RWhaKL15LclW9D_WJRlNS8KbdAdEm0",
                     *       "previousSecretExpiresAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["CallbackSecret"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postConfigCallbackSecretRotate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "callbackSecret": "cbsec_4kQ7vRb2XwJm9TfLp3NcYs8HdZa6Ge1UoKiB5nVtMyW",
                     *       "previousSecretExpiresAt": "2026-12-08T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["CallbackSecret"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The previous secret still signs (`rotation_in_progress`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPayments: {
        parameters: {
            query?: {
                provider?: string;
                status?: "pending" | "processing" | "review" | "authorized" | "successful" | "failed" | "cancelled" | "refunded" | "partially_refunded" | "chargeback";
                environment?: "test" | "production";
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of payments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "data": [
                     *         {
                     *           "success": true,
                     *           "status": "successful",
                     *           "paymentId": "pay_01M980V820D6D83BBBX60HHFKP",
                     *           "transactionId": "sbxch_01M980V86CSZ80KGE22HF7N3G2",
                     *           "provider": "sandbox",
                     *           "environment": "test",
                     *           "amount": 100.5,
                     *           "amountMinor": 10050,
                     *           "currency": "TRY",
                     *           "capturedAmount": 80,
                     *           "capturedAmountMinor": 8000,
                     *           "refundedAmount": 0,
                     *           "refundedAmountMinor": 0,
                     *           "card": "424242******4242",
                     *           "orderId": "ORDER-10046",
                     *           "createdAt": "2026-12-07T10:30:00.000Z",
                     *           "updatedAt": "2026-12-07T14:05:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Payment"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe: the first answer is replayed for 24 hours. */
                "idempotency-key"?: string;
            };
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePaymentRequest"];
            };
        };
        responses: {
            /** @description Created: successful, authorized, or pending with a redirectUrl. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description The provider did not answer in time; the payment is processing. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "status": "processing",
                     *       "paymentId": "pay_01M9803EB0DFVK0XBMXW20YFWR",
                     *       "transactionId": null,
                     *       "provider": "sandbox",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 0,
                     *       "capturedAmountMinor": 0,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "400000******0101",
                     *       "orderId": "ORDER-10044",
                     *       "message": "The provider did not answer in time; the final status will follow.",
                     *       "createdAt": "2026-12-07T10:17:00.000Z",
                     *       "updatedAt": "2026-12-07T10:17:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Declined: success is false and declineCode says why. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "status": "failed",
                     *       "paymentId": "pay_01M9801KR04QS97AZXHNBRHPCM",
                     *       "transactionId": "sbxch_01M9801KWPPD8QWRY8SZBMNG98",
                     *       "provider": "sandbox",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 0,
                     *       "capturedAmountMinor": 0,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "400000******0002",
                     *       "orderId": "ORDER-10043",
                     *       "message": "The card was declined.",
                     *       "declineCode": "card_declined",
                     *       "createdAt": "2026-12-07T10:16:00.000Z",
                     *       "updatedAt": "2026-12-07T10:16:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider or payment (`provider_not_found`, `not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured, not supported, refused by the provider, or refused by your risk rules (`risk_blocked`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The provider did not answer (`provider_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    refundPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe: the first answer is replayed for 24 hours. */
                "idempotency-key"?: string;
            };
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                 *       "refundAmount": 25.5,
                 *       "reason": "Returned item"
                 *     }
                 */
                "application/json": components["schemas"]["RefundRequest"];
            };
        };
        responses: {
            /** @description Refunded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "status": "partially_refunded",
                     *       "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                     *       "transactionId": "sbxch_01M97ZZSAMQJS8QX7HPAMMRZFM",
                     *       "provider": "sandbox",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 100.5,
                     *       "capturedAmountMinor": 10050,
                     *       "refundedAmount": 25.5,
                     *       "refundedAmountMinor": 2550,
                     *       "card": "424242******4242",
                     *       "orderId": "ORDER-10042",
                     *       "createdAt": "2026-12-07T10:15:00.000Z",
                     *       "updatedAt": "2026-12-07T11:02:00.310Z",
                     *       "refund": {
                     *         "id": "re_01M982NV20T472144BW0S44B0H",
                     *         "amount": 25.5,
                     *         "amountMinor": 2550,
                     *         "status": "succeeded"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"] & {
                        refund: {
                            id: string;
                            amount: number;
                            amountMinor: number;
                            /** @enum {string} */
                            status: "succeeded" | "processing";
                        };
                    };
                };
            };
            /** @description The provider did not answer; the refund is processing. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "status": "successful",
                     *       "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                     *       "transactionId": "sbxch_01M97ZZSAMQJS8QX7HPAMMRZFM",
                     *       "provider": "sandbox",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 100.5,
                     *       "capturedAmountMinor": 10050,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "424242******4242",
                     *       "orderId": "ORDER-10042",
                     *       "createdAt": "2026-12-07T10:15:00.000Z",
                     *       "updatedAt": "2026-12-07T10:15:00.000Z",
                     *       "refund": {
                     *         "id": "re_01M982NV20T472144BW0S44B0H",
                     *         "amount": 25.5,
                     *         "amountMinor": 2550,
                     *         "status": "processing"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"] & {
                        refund: {
                            id: string;
                            amount: number;
                            amountMinor: number;
                            /** @enum {string} */
                            status: "succeeded" | "processing";
                        };
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider or payment (`provider_not_found`, `not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured, not supported, refused by the provider, or refused by your risk rules (`risk_blocked`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The provider did not answer (`provider_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "status": "successful",
                     *       "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                     *       "transactionId": "sbxch_01M97ZZSAMQJS8QX7HPAMMRZFM",
                     *       "provider": "sandbox",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 100.5,
                     *       "capturedAmountMinor": 10050,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "424242******4242",
                     *       "orderId": "ORDER-10042",
                     *       "createdAt": "2026-12-07T10:15:00.000Z",
                     *       "updatedAt": "2026-12-07T10:15:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider or payment (`provider_not_found`, `not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured, not supported, refused by the provider, or refused by your risk rules (`risk_blocked`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The provider did not answer (`provider_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe: the first answer is replayed for 24 hours. */
                "idempotency-key"?: string;
            };
            path: {
                provider: string;
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "status": "cancelled",
                     *       "paymentId": "pay_01M980V820D6D83BBBX60HHFKP",
                     *       "transactionId": "sbxch_01M980V86CSZ80KGE22HF7N3G2",
                     *       "provider": "sandbox",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 0,
                     *       "capturedAmountMinor": 0,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "424242******4242",
                     *       "orderId": "ORDER-10046",
                     *       "createdAt": "2026-12-07T10:30:00.000Z",
                     *       "updatedAt": "2026-12-07T14:05:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description The provider accepted the cancel and settles it later (`pendingOperation`); a webhook follows. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "status": "authorized",
                     *       "paymentId": "pay_01M9814D10HA6D5TM7DK08DKM0",
                     *       "transactionId": "QFQTPCQ8HXSKGK82",
                     *       "provider": "adyen",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 0,
                     *       "capturedAmountMinor": 0,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "555555******4444",
                     *       "orderId": "ORDER-10047",
                     *       "pendingOperation": {
                     *         "type": "cancel"
                     *       },
                     *       "createdAt": "2026-12-07T10:35:00.000Z",
                     *       "updatedAt": "2026-12-07T14:05:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider or payment (`provider_not_found`, `not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured, not supported, refused by the provider, or refused by your risk rules (`risk_blocked`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The provider did not answer (`provider_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    capturePayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe: the first answer is replayed for 24 hours. */
                "idempotency-key"?: string;
            };
            path: {
                provider: string;
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "amount": 80
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Amount in major units (100.50 TRY); no more decimals than the currency has.
                     * @example 100.5
                     */
                    amount?: number | string;
                };
            };
        };
        responses: {
            /** @description Captured (here 80.00 of 100.50). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "status": "successful",
                     *       "paymentId": "pay_01M980V820D6D83BBBX60HHFKP",
                     *       "transactionId": "sbxch_01M980V86CSZ80KGE22HF7N3G2",
                     *       "provider": "sandbox",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 80,
                     *       "capturedAmountMinor": 8000,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "424242******4242",
                     *       "orderId": "ORDER-10046",
                     *       "createdAt": "2026-12-07T10:30:00.000Z",
                     *       "updatedAt": "2026-12-07T14:05:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description The provider accepted the capture and settles it later (`pendingOperation`); a webhook follows. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "status": "authorized",
                     *       "paymentId": "pay_01M9814D10HA6D5TM7DK08DKM0",
                     *       "transactionId": "QFQTPCQ8HXSKGK82",
                     *       "provider": "adyen",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 0,
                     *       "capturedAmountMinor": 0,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "555555******4444",
                     *       "orderId": "ORDER-10047",
                     *       "pendingOperation": {
                     *         "type": "capture",
                     *         "amount": 80,
                     *         "amountMinor": 8000
                     *       },
                     *       "createdAt": "2026-12-07T10:35:00.000Z",
                     *       "updatedAt": "2026-12-07T14:05:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider or payment (`provider_not_found`, `not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured, not supported, refused by the provider, or refused by your risk rules (`risk_blocked`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The provider did not answer (`provider_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPaymentHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The history. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "events": [
                     *         {
                     *           "id": "evt_01M97ZZS50NJQEZ8N1AJ69XGGR",
                     *           "type": "payment.created",
                     *           "createdAt": "2026-12-07T10:15:00.000Z",
                     *           "payment": {
                     *             "success": true,
                     *             "status": "successful",
                     *             "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                     *             "transactionId": "sbxch_01M97ZZSAMQJS8QX7HPAMMRZFM",
                     *             "provider": "sandbox",
                     *             "environment": "test",
                     *             "amount": 100.5,
                     *             "amountMinor": 10050,
                     *             "currency": "TRY",
                     *             "capturedAmount": 100.5,
                     *             "capturedAmountMinor": 10050,
                     *             "refundedAmount": 0,
                     *             "refundedAmountMinor": 0,
                     *             "card": "424242******4242",
                     *             "orderId": "ORDER-10042",
                     *             "createdAt": "2026-12-07T10:15:00.000Z",
                     *             "updatedAt": "2026-12-07T10:15:00.000Z"
                     *           }
                     *         },
                     *         {
                     *           "id": "evt_01M97ZZS50NJQEZ8N1AJ69XGGS",
                     *           "type": "payment.succeeded",
                     *           "createdAt": "2026-12-07T10:15:00.000Z",
                     *           "payment": {
                     *             "success": true,
                     *             "status": "successful",
                     *             "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                     *             "transactionId": "sbxch_01M97ZZSAMQJS8QX7HPAMMRZFM",
                     *             "provider": "sandbox",
                     *             "environment": "test",
                     *             "amount": 100.5,
                     *             "amountMinor": 10050,
                     *             "currency": "TRY",
                     *             "capturedAmount": 100.5,
                     *             "capturedAmountMinor": 10050,
                     *             "refundedAmount": 0,
                     *             "refundedAmountMinor": 0,
                     *             "card": "424242******4242",
                     *             "orderId": "ORDER-10042",
                     *             "createdAt": "2026-12-07T10:15:00.000Z",
                     *             "updatedAt": "2026-12-07T10:15:00.000Z"
                     *           }
                     *         },
                     *         {
                     *           "id": "evt_01M982NVBPBZGJCQ0QSC9X4HE3",
                     *           "type": "payment.partially_refunded",
                     *           "createdAt": "2026-12-07T11:02:00.310Z",
                     *           "payment": {
                     *             "success": true,
                     *             "status": "partially_refunded",
                     *             "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                     *             "transactionId": "sbxch_01M97ZZSAMQJS8QX7HPAMMRZFM",
                     *             "provider": "sandbox",
                     *             "environment": "test",
                     *             "amount": 100.5,
                     *             "amountMinor": 10050,
                     *             "currency": "TRY",
                     *             "capturedAmount": 100.5,
                     *             "capturedAmountMinor": 10050,
                     *             "refundedAmount": 25.5,
                     *             "refundedAmountMinor": 2550,
                     *             "card": "424242******4242",
                     *             "orderId": "ORDER-10042",
                     *             "createdAt": "2026-12-07T10:15:00.000Z",
                     *             "updatedAt": "2026-12-07T11:02:00.310Z"
                     *           }
                     *         }
                     *       ],
                     *       "refunds": [
                     *         {
                     *           "id": "re_01M982NV20T472144BW0S44B0H",
                     *           "amount": 25.5,
                     *           "amountMinor": 2550,
                     *           "status": "succeeded",
                     *           "currency": "TRY",
                     *           "reason": "Returned item",
                     *           "providerRefundId": "sbxre_01M982NV7M3J2Q2ZY751Z187YE",
                     *           "createdAt": "2026-12-07T11:02:00.310Z",
                     *           "updatedAt": "2026-12-07T11:02:00.310Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        events: components["schemas"]["PaymentHistoryEvent"][];
                        refunds: components["schemas"]["PaymentHistoryRefund"][];
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider or payment (`provider_not_found`, `not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured, not supported, refused by the provider, or refused by your risk rules (`risk_blocked`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The provider did not answer (`provider_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postPaymentsByProviderByPaymentIdRecurrence: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe: the first answer is replayed for 24 hours. */
                "idempotency-key"?: string;
            };
            path: {
                provider: string;
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 100.5,
                 *       "currency": "TRY",
                 *       "orderId": "SUB-2027-01",
                 *       "description": "Monthly plan, January 2027"
                 *     }
                 */
                "application/json": components["schemas"]["RecurringChargeRequest"];
            };
        };
        responses: {
            /** @description Charged: the new payment. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "status": "successful",
                     *       "paymentId": "pay_01MBQP0QM0RR39B2YNJDSPASFB",
                     *       "transactionId": "pi_3QsW8c4fAwLZmp3D0y9XrS5o",
                     *       "provider": "stripe",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 100.5,
                     *       "capturedAmountMinor": 10050,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "424242******4242",
                     *       "orderId": "SUB-2027-01",
                     *       "parentPaymentId": "pay_01M6TKRWM099R6S9W7R6QEHXQ4",
                     *       "createdAt": "2027-01-07T09:00:00.000Z",
                     *       "updatedAt": "2027-01-07T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description The provider did not answer in time; the charge is processing. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "status": "processing",
                     *       "paymentId": "pay_01MBQP0QM0RR39B2YNJDSPASFB",
                     *       "transactionId": null,
                     *       "provider": "stripe",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 0,
                     *       "capturedAmountMinor": 0,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "424242******4242",
                     *       "orderId": "SUB-2027-01",
                     *       "parentPaymentId": "pay_01M6TKRWM099R6S9W7R6QEHXQ4",
                     *       "message": "The provider did not answer in time; the final status will follow.",
                     *       "createdAt": "2027-01-07T09:00:00.000Z",
                     *       "updatedAt": "2027-01-07T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Declined: the new payment, with declineCode. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "status": "failed",
                     *       "paymentId": "pay_01MBQP0QM0RR39B2YNJDSPASFB",
                     *       "transactionId": "pi_3QsW8c4fAwLZmp3D0y9XrS5o",
                     *       "provider": "stripe",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 0,
                     *       "capturedAmountMinor": 0,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "424242******4242",
                     *       "orderId": "SUB-2027-01",
                     *       "parentPaymentId": "pay_01M6TKRWM099R6S9W7R6QEHXQ4",
                     *       "message": "The card has insufficient funds.",
                     *       "declineCode": "insufficient_funds",
                     *       "createdAt": "2027-01-07T09:00:00.000Z",
                     *       "updatedAt": "2027-01-07T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider or payment (`provider_not_found`, `not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured, not supported, refused by the provider, or refused by your risk rules (`risk_blocked`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The provider did not answer (`provider_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deletePaymentsByProviderByPaymentIdRecurrence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stopped: the payment, with `recurring: stopped`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "status": "successful",
                     *       "paymentId": "pay_01M6TKRWM099R6S9W7R6QEHXQ4",
                     *       "transactionId": "pi_3QmT7b2eZvKYlo2C1x8WqR4n",
                     *       "provider": "stripe",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 100.5,
                     *       "capturedAmountMinor": 10050,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "424242******4242",
                     *       "orderId": "SUB-2026-11",
                     *       "recurring": "stopped",
                     *       "createdAt": "2026-11-07T09:00:00.000Z",
                     *       "updatedAt": "2027-02-01T08:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider or payment (`provider_not_found`, `not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured, not supported, refused by the provider, or refused by your risk rules (`risk_blocked`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The provider did not answer (`provider_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    returnFromProvider: {
        parameters: {
            query: {
                state: string;
            };
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the merchant's callbackUrl with success, paymentId, status, timestamp and signature. */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An HTML page: the state is missing, forged, expired or already used. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    returnFromProviderByPost: {
        parameters: {
            query: {
                state: string;
            };
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the merchant's callbackUrl with success, paymentId, status, timestamp and signature. */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An HTML page: the state is missing, forged, expired or already used. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    showProviderPage: {
        parameters: {
            query: {
                t: string;
            };
            header?: never;
            path: {
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The provider's page (HTML), with a Content-Security-Policy of its own. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An HTML page: the link is forged, expired, already used or not this payment. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getConfigWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Endpoints. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "data": [
                     *         {
                     *           "id": "we_01M8RCENQ05462FEA1G305W5PH",
                     *           "url": "https://shop.example.com/webhooks/gopay",
                     *           "mode": "test",
                     *           "events": [
                     *             "payment.succeeded",
                     *             "payment.failed",
                     *             "payment.partially_refunded"
                     *           ],
                     *           "description": "Order service",
                     *           "status": "enabled",
                     *           "disabledReason": null,
                     *           "createdAt": "2026-12-01T08:45:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["WebhookEndpoint"][];
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postConfigWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://shop.example.com/webhooks/gopay",
                 *       "mode": "test",
                 *       "events": [
                 *         "payment.succeeded",
                 *         "payment.failed",
                 *         "payment.partially_refunded"
                 *       ],
                 *       "description": "Order service"
                 *     }
                 */
                "application/json": components["schemas"]["CreateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "endpoint": {
                     *         "id": "we_01M8RCENQ05462FEA1G305W5PH",
                     *         "url": "https://shop.example.com/webhooks/gopay",
                     *         "mode": "test",
                     *         "events": [
                     *           "payment.succeeded",
                     *           "payment.failed",
                     *           "payment.partially_refunded"
                     *         ],
                     *         "description": "Order service",
                     *         "status": "enabled",
                     *         "disabledReason": null,
                     *         "createdAt": "2026-12-01T08:45:00.000Z"
                     *       },
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        endpoint: components["schemas"]["WebhookEndpoint"];
                        /**
                         * @description Shown only in this answer.
                         * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                         */
                        secret: string;
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The URL is not allowed (`invalid_webhook_url`), or the tenant already has 16 endpoints in this mode (`limit_reached`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteConfigWebhooksById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "id": "we_01M8RCENQ05462FEA1G305W5PH",
                     *       "deleted": true
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        id: string;
                        /** @enum {boolean} */
                        deleted: true;
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such endpoint (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postConfigWebhooksByIdRotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "endpoint": {
                     *         "id": "we_01M8RCENQ05462FEA1G305W5PH",
                     *         "url": "https://shop.example.com/webhooks/gopay",
                     *         "mode": "test",
                     *         "events": [
                     *           "payment.succeeded",
                     *           "payment.failed",
                     *           "payment.partially_refunded"
                     *         ],
                     *         "description": "Order service",
                     *         "status": "enabled",
                     *         "disabledReason": null,
                     *         "createdAt": "2026-12-01T08:45:00.000Z"
                     *       },
                     *       "secret": "whsec_5cQAphU2OqsBlUasQfMi0NmmJSqMpiF4"
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        endpoint: components["schemas"]["WebhookEndpoint"];
                        /**
                         * @description Shown only in this answer.
                         * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                         */
                        secret: string;
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such endpoint. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The previous secret still signs, or another rotation won (`rotation_in_progress`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postConfigWebhooksByIdTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the endpoint answered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "webhookId": "msg_01M8RCGGA0XHRC9HDT6MY1XWPP",
                     *       "delivered": true,
                     *       "statusCode": 200,
                     *       "error": null,
                     *       "durationMs": 184
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookTestResult"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such endpoint. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhooksDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                endpointId?: string;
                eventType?: string;
                /** @description Only deliveries to endpoints of this mode (`test` endpoints get test payments, `live` ones production payments). An API key sees its own mode only. */
                environment?: "test" | "production";
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "data": [
                     *         {
                     *           "id": "msg_01M97ZZS68T85E6S0R1SP6J5T7",
                     *           "endpointId": "we_01M8RCENQ05462FEA1G305W5PH",
                     *           "eventId": "evt_01M97ZZS50NJQEZ8N1AJ69XGGS",
                     *           "eventType": "payment.succeeded",
                     *           "status": "delivered",
                     *           "attempts": 1,
                     *           "lastStatusCode": 200,
                     *           "lastError": null,
                     *           "nextAttemptAt": null,
                     *           "deliveredAt": "2026-12-07T10:15:01.120Z",
                     *           "createdAt": "2026-12-07T10:15:00.040Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["WebhookDelivery"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWebhooksDeliveriesByIdResend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "delivery": {
                     *         "id": "msg_01M982NVCYRRRXA5Y4P1K15PRW",
                     *         "endpointId": "we_01M8RCENQ05462FEA1G305W5PH",
                     *         "eventId": "evt_01M982NVBPBZGJCQ0QSC9X4HE3",
                     *         "eventType": "payment.partially_refunded",
                     *         "status": "pending",
                     *         "attempts": 0,
                     *         "lastStatusCode": 500,
                     *         "lastError": "HTTP 500",
                     *         "nextAttemptAt": "2026-12-10T09:00:00.000Z",
                     *         "deliveredAt": null,
                     *         "createdAt": "2026-12-07T11:02:00.350Z"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        delivery: components["schemas"]["WebhookDelivery"];
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such delivery (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWebhooksDeliveriesReplay: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from": "2026-12-07T00:00:00Z",
                 *       "to": "2026-12-08T00:00:00Z",
                 *       "endpointId": "we_01M8RCENQ05462FEA1G305W5PH"
                 *     }
                 */
                "application/json": components["schemas"]["ReplayRequest"];
            };
        };
        responses: {
            /** @description Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "events": 15,
                     *       "deliveries": 5,
                     *       "truncated": false,
                     *       "nextFrom": null,
                     *       "nextAfter": null
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        events: number;
                        deliveries: number;
                        /** @description More events remain: call again with `nextFrom` and `nextAfter`. */
                        truncated: boolean;
                        /** @description The time of the last event replayed, to send as `from` in the next call; null when the range is done. */
                        nextFrom: string | null;
                        /** @description An opaque position, to send as `after` in the next call; null when the range is done. */
                        nextAfter: string | null;
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveProviderStatusPing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The acknowledgement that provider expects (its own body and content type). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not a notification this provider sends (`invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature does not verify; nothing changed (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unknown provider, or a payment the gateway does not know (yet): the provider retries. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description This provider does not notify with this method (`method_not_allowed`). */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Another copy of this notification is being applied (`notification_in_progress`): the provider retries, and the retry is acknowledged once that copy is applied. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many refused notifications (unverifiable or for unknown payments) from this address, or status queries beyond the tenant's status limit (`rate_limited`): nothing is stored or queried. Verified notifications are never limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An unsigned notification asked for a status query the provider did not answer (`provider_error`): the provider retries. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    receiveProviderNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The acknowledgement that provider expects (its own body and content type). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not a notification this provider sends (`invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature does not verify; nothing changed (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unknown provider, or a payment the gateway does not know (yet): the provider retries. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description This provider does not notify with this method (`method_not_allowed`). */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Another copy of this notification is being applied (`notification_in_progress`): the provider retries, and the retry is acknowledged once that copy is applied. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many refused notifications (unverifiable or for unknown payments) from this address, or status queries beyond the tenant's status limit (`rate_limited`): nothing is stored or queried. Verified notifications are never limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An unsigned notification asked for a status query the provider did not answer (`provider_error`): the provider retries. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getLogsByProvider: {
        parameters: {
            query?: {
                environment?: "test" | "production";
                paymentId?: string;
                requestId?: string;
                /** @description The provider's HTTP status. */
                status?: number;
                /** @description Only calls without an answer, with a 4xx or 5xx, or not successful. */
                errorsOnly?: "true" | "false";
                from?: string;
                to?: string;
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "data": [
                     *         {
                     *           "id": "plog_01M97ZZS50CAZW9WMM815RDDNW",
                     *           "provider": "sandbox",
                     *           "environment": "test",
                     *           "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                     *           "requestId": "req_4fJ8tQm2ZkWc7xNb",
                     *           "operation": "create",
                     *           "outcome": "succeeded",
                     *           "httpStatus": 200,
                     *           "latencyMs": 182,
                     *           "request": {
                     *             "method": "POST",
                     *             "url": "https://pay.example.com/sandbox/api/v1/charges",
                     *             "body": "{\"reference\":\"pay_01M97ZZS50W3X0FHXAB725N1WK\",\"amount\":10050,\"currency\":\"TRY\",\"card\":{\"number\":\"424242******4242\",\"exp_month\":12,\"exp_year\":2030,\"cvc\":\"[redacted]\",\"holder_name\":\"Ayşe Yılmaz\"},\"three_d_secure\":false,\"capture\":true}"
                     *           },
                     *           "response": "{\"id\":\"sbxch_01M97ZZSAMQJS8QX7HPAMMRZFM\",\"reference\":\"pay_01M97ZZS50W3X0FHXAB725N1WK\",\"status\":\"succeeded\",\"amount\":10050,\"currency\":\"TRY\",\"captured_amount\":10050,\"refunded_amount\":0,\"card\":{\"masked\":\"424242******4242\"},\"decline_code\":null,\"next_action\":null}",
                     *           "createdAt": "2026-12-07T10:15:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ProviderCall"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider (`provider_not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAnalyticsDashboard: {
        parameters: {
            query?: {
                range?: "24h" | "7d" | "30d" | "custom";
                /** @description With `range=custom`. */
                from?: string;
                /** @description With `range=custom`; default now. */
                to?: string;
                /** @description Default: an API key's own; `test` for signed-in users. */
                environment?: "test" | "production";
                /** @description Administrator only: another tenant id, or `all`. */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "tenant": "ten_01M8NTXDM0QAZNAGWKN4CZ86S2",
                     *       "environment": "test",
                     *       "from": "2026-12-06T12:00:00.000Z",
                     *       "to": "2026-12-07T12:00:00.000Z",
                     *       "bucket": "hour",
                     *       "payments": {
                     *         "count": 7,
                     *         "byStatus": [
                     *           {
                     *             "status": "authorized",
                     *             "currency": "TRY",
                     *             "count": 2,
                     *             "volumeMinor": 20100
                     *           },
                     *           {
                     *             "status": "failed",
                     *             "currency": "TRY",
                     *             "count": 1,
                     *             "volumeMinor": 10050
                     *           },
                     *           {
                     *             "status": "partially_refunded",
                     *             "currency": "TRY",
                     *             "count": 1,
                     *             "volumeMinor": 10050
                     *           },
                     *           {
                     *             "status": "pending",
                     *             "currency": "TRY",
                     *             "count": 2,
                     *             "volumeMinor": 20100
                     *           },
                     *           {
                     *             "status": "successful",
                     *             "currency": "TRY",
                     *             "count": 1,
                     *             "volumeMinor": 10050
                     *           }
                     *         ]
                     *       },
                     *       "providers": [
                     *         {
                     *           "provider": "adyen",
                     *           "count": 1,
                     *           "succeeded": 1,
                     *           "failed": 0,
                     *           "successRate": 1,
                     *           "topDeclineCodes": [],
                     *           "latencyMs": {
                     *             "p50": 325,
                     *             "p95": 325,
                     *             "calls": 1
                     *           }
                     *         },
                     *         {
                     *           "provider": "iyzico",
                     *           "count": 1,
                     *           "succeeded": 0,
                     *           "failed": 0,
                     *           "successRate": null,
                     *           "topDeclineCodes": [],
                     *           "latencyMs": {
                     *             "p50": 412,
                     *             "p95": 412,
                     *             "calls": 1
                     *           }
                     *         },
                     *         {
                     *           "provider": "sandbox",
                     *           "count": 5,
                     *           "succeeded": 3,
                     *           "failed": 1,
                     *           "successRate": 0.75,
                     *           "topDeclineCodes": [
                     *             {
                     *               "code": "card_declined",
                     *               "count": 1
                     *             }
                     *           ],
                     *           "latencyMs": {
                     *             "p50": 176,
                     *             "p95": 240,
                     *             "calls": 7
                     *           }
                     *         }
                     *       ],
                     *       "refunds": [
                     *         {
                     *           "currency": "TRY",
                     *           "payments": 1,
                     *           "amountMinor": 2550
                     *         }
                     *       ],
                     *       "chargebacks": [],
                     *       "webhooks": {
                     *         "delivered": 3,
                     *         "failed": 0,
                     *         "pending": 1,
                     *         "successRate": 1
                     *       },
                     *       "series": [
                     *         {
                     *           "start": "2026-12-07T10:00:00.000Z",
                     *           "count": 7,
                     *           "succeeded": 4,
                     *           "failed": 1,
                     *           "volumeMinor": {
                     *             "TRY": 70350
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AnalyticsDashboard"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReport: {
        parameters: {
            query: {
                period?: "daily" | "weekly" | "monthly";
                /** @description A calendar date in `timezone`. */
                from: string;
                /** @description Inclusive. At most 366 days after `from` for daily, five years otherwise. */
                to: string;
                /** @description An IANA time zone. */
                timezone?: string;
                format?: "json" | "csv";
                /** @description Default: an API key's own; `test` for signed-in users. */
                environment?: "test" | "production";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. CSV: RFC 4180, a `section` column (`sales` or `tax`); text cells starting with `=`, `+`, `-` or `@` carry a leading `'` (a negative `net` reads `'-12.50`), the `*_minor` integer columns stay raw numbers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "period": "monthly",
                     *       "timezone": "Europe/Istanbul",
                     *       "from": "2026-11-01",
                     *       "to": "2026-12-31",
                     *       "environment": "test",
                     *       "rows": [
                     *         {
                     *           "periodStart": "2026-11-01",
                     *           "periodEnd": "2026-11-30",
                     *           "startsAt": "2026-10-31T21:00:00.000Z",
                     *           "endsAt": "2026-11-30T21:00:00.000Z",
                     *           "currency": "TRY",
                     *           "provider": "iyzico",
                     *           "successfulCount": 7,
                     *           "failedCount": 1,
                     *           "grossMinor": 70350,
                     *           "gross": "703.50",
                     *           "refundCount": 0,
                     *           "refundsMinor": 0,
                     *           "refunds": "0.00",
                     *           "chargebackCount": 0,
                     *           "chargebacksMinor": 0,
                     *           "chargebacks": "0.00",
                     *           "providerFeesMinor": null,
                     *           "providerFees": null,
                     *           "netMinor": 70350,
                     *           "net": "703.50"
                     *         },
                     *         {
                     *           "periodStart": "2026-11-01",
                     *           "periodEnd": "2026-11-30",
                     *           "startsAt": "2026-10-31T21:00:00.000Z",
                     *           "endsAt": "2026-11-30T21:00:00.000Z",
                     *           "currency": "TRY",
                     *           "provider": "sandbox",
                     *           "successfulCount": 42,
                     *           "failedCount": 3,
                     *           "grossMinor": 1250000,
                     *           "gross": "12500.00",
                     *           "refundCount": 2,
                     *           "refundsMinor": 35050,
                     *           "refunds": "350.50",
                     *           "chargebackCount": 1,
                     *           "chargebacksMinor": 10050,
                     *           "chargebacks": "100.50",
                     *           "providerFeesMinor": null,
                     *           "providerFees": null,
                     *           "netMinor": 1204900,
                     *           "net": "12049.00"
                     *         },
                     *         {
                     *           "periodStart": "2026-12-01",
                     *           "periodEnd": "2026-12-31",
                     *           "startsAt": "2026-11-30T21:00:00.000Z",
                     *           "endsAt": "2026-12-31T21:00:00.000Z",
                     *           "currency": "TRY",
                     *           "provider": "sandbox",
                     *           "successfulCount": 5,
                     *           "failedCount": 0,
                     *           "grossMinor": 50250,
                     *           "gross": "502.50",
                     *           "refundCount": 1,
                     *           "refundsMinor": 60000,
                     *           "refunds": "600.00",
                     *           "chargebackCount": 0,
                     *           "chargebacksMinor": 0,
                     *           "chargebacks": "0.00",
                     *           "providerFeesMinor": null,
                     *           "providerFees": null,
                     *           "netMinor": -9750,
                     *           "net": "-97.50"
                     *         }
                     *       ],
                     *       "tax": [
                     *         {
                     *           "periodStart": "2026-11-01",
                     *           "periodEnd": "2026-11-30",
                     *           "currency": "TRY",
                     *           "taxRate": 10,
                     *           "lineCount": 12,
                     *           "grossMinor": 350000,
                     *           "gross": "3500.00",
                     *           "taxMinor": 31818,
                     *           "tax": "318.18"
                     *         },
                     *         {
                     *           "periodStart": "2026-11-01",
                     *           "periodEnd": "2026-11-30",
                     *           "currency": "TRY",
                     *           "taxRate": 20,
                     *           "lineCount": 30,
                     *           "grossMinor": 900000,
                     *           "gross": "9000.00",
                     *           "taxMinor": 150000,
                     *           "tax": "1500.00"
                     *         },
                     *         {
                     *           "periodStart": "2026-12-01",
                     *           "periodEnd": "2026-12-31",
                     *           "currency": "TRY",
                     *           "taxRate": null,
                     *           "lineCount": 5,
                     *           "grossMinor": 50250,
                     *           "gross": "502.50",
                     *           "taxMinor": null,
                     *           "tax": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Report"];
                    /**
                     * @example section,period_start,period_end,currency,provider,tax_rate,successful_count,failed_count,line_count,gross_minor,gross,refund_count,refunds_minor,refunds,chargeback_count,chargebacks_minor,chargebacks,provider_fees_minor,provider_fees,net_minor,net,tax_minor,tax
                     *     sales,2026-11-01,2026-11-30,TRY,iyzico,,7,1,,70350,703.50,0,0,0.00,0,0,0.00,,,70350,703.50,,
                     *     sales,2026-11-01,2026-11-30,TRY,sandbox,,42,3,,1250000,12500.00,2,35050,350.50,1,10050,100.50,,,1204900,12049.00,,
                     *     tax,2026-11-01,2026-11-30,TRY,,10,,,12,350000,3500.00,,,,,,,,,,,31818,318.18
                     *     tax,2026-11-01,2026-11-30,TRY,,20,,,30,900000,9000.00,,,,,,,,,,,150000,1500.00
                     *     sales,2026-12-01,2026-12-31,TRY,sandbox,,5,0,,50250,502.50,1,60000,600.00,0,0,0.00,,,-9750,'-97.50,,
                     *     tax,2026-12-01,2026-12-31,TRY,,,,,5,50250,502.50,,,,,,,,,,,,
                     */
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReconciliationReport: {
        parameters: {
            query?: {
                environment?: "test" | "production";
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "data": [
                     *         {
                     *           "type": "payment",
                     *           "paymentId": "pay_01M9803EB0DFVK0XBMXW20YFWR",
                     *           "provider": "sandbox",
                     *           "environment": "test",
                     *           "reason": "unknown_outcome",
                     *           "status": "processing",
                     *           "providerOutcome": "unknown",
                     *           "providerOperation": "create",
                     *           "providerReportedAt": "2026-12-07T10:20:00.000Z",
                     *           "requestId": "req_Z9vBeX09HFbHijaR",
                     *           "amount": 100.5,
                     *           "amountMinor": 10050,
                     *           "currency": "TRY",
                     *           "createdAt": "2026-12-07T10:20:00.000Z",
                     *           "updatedAt": "2026-12-07T10:20:00.000Z",
                     *           "ageSeconds": 900
                     *         },
                     *         {
                     *           "type": "refund",
                     *           "refundId": "re_01M982NV20T472144BW0S44B0H",
                     *           "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                     *           "provider": "sandbox",
                     *           "environment": "test",
                     *           "status": "processing",
                     *           "amount": 25.5,
                     *           "amountMinor": 2550,
                     *           "currency": "TRY",
                     *           "createdAt": "2026-12-07T10:12:00.000Z",
                     *           "ageSeconds": 1380
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: (components["schemas"]["ReconciliationPayment"] | components["schemas"]["ReconciliationRefund"])[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requeryReconciliation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe: the first answer is replayed for 24 hours. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReconciliationRequery"];
            };
        };
        responses: {
            /** @description Asked; what changed. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "requeried": [
                     *         "pay_01M9803EB0DFVK0XBMXW20YFWR",
                     *         "re_01M982NV20T472144BW0S44B0H"
                     *       ],
                     *       "changed": [
                     *         {
                     *           "paymentId": "pay_01M9803EB0DFVK0XBMXW20YFWR",
                     *           "from": "processing",
                     *           "to": "successful"
                     *         },
                     *         {
                     *           "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                     *           "refundId": "re_01M982NV20T472144BW0S44B0H",
                     *           "from": "processing",
                     *           "to": "succeeded"
                     *         }
                     *       ],
                     *       "unchanged": [],
                     *       "failed": [],
                     *       "ignored": []
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        /** @description Payment and refund ids asked. */
                        requeried: string[];
                        changed: {
                            paymentId: string;
                            refundId?: string;
                            from: string;
                            to: string;
                        }[];
                        unchanged: string[];
                        failed: {
                            id: string;
                            message: string;
                        }[];
                        /** @description Ids that are not payments of yours in a mode you act in; never asked. */
                        ignored: string[];
                    };
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConfigRisk: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rules in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "version": 3,
                     *       "updatedAt": "2026-12-07T09:00:00.000Z",
                     *       "rules": {
                     *         "enabled": true,
                     *         "thresholds": {
                     *           "challenge": 30,
                     *           "review": 60,
                     *           "block": 80
                     *         },
                     *         "velocity": {
                     *           "failureWindowMinutes": 60,
                     *           "maxCardFailures": 3,
                     *           "maxEmailFailures": 5,
                     *           "maxIpFailures": 5,
                     *           "maxCardsPerIp": 3,
                     *           "maxCardsPerEmail": 3,
                     *           "burstWindowMinutes": 10,
                     *           "maxAttemptsPerIp": 10,
                     *           "maxAttemptsPerEmail": 10,
                     *           "maxSmallAmounts": 5
                     *         },
                     *         "amounts": {
                     *           "outlierFactor": 10,
                     *           "smallFactor": 0.05,
                     *           "minHistory": 20
                     *         },
                     *         "blockLists": {
                     *           "cardFingerprints": [],
                     *           "emails": [
                     *             "@mailinator.com"
                     *           ],
                     *           "ips": [
                     *             "203.0.113.7"
                     *           ],
                     *           "binPrefixes": []
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RiskRuleSet"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putConfigRisk: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "version": 2,
                 *       "rules": {
                 *         "enabled": true,
                 *         "thresholds": {
                 *           "challenge": 30,
                 *           "review": 60,
                 *           "block": 80
                 *         },
                 *         "velocity": {
                 *           "failureWindowMinutes": 60,
                 *           "maxCardFailures": 3,
                 *           "maxEmailFailures": 5,
                 *           "maxIpFailures": 5,
                 *           "maxCardsPerIp": 3,
                 *           "maxCardsPerEmail": 3,
                 *           "burstWindowMinutes": 10,
                 *           "maxAttemptsPerIp": 10,
                 *           "maxAttemptsPerEmail": 10,
                 *           "maxSmallAmounts": 5
                 *         },
                 *         "amounts": {
                 *           "outlierFactor": 10,
                 *           "smallFactor": 0.05,
                 *           "minHistory": 20
                 *         },
                 *         "blockLists": {
                 *           "cardFingerprints": [],
                 *           "emails": [
                 *             "@mailinator.com"
                 *           ],
                 *           "ips": [
                 *             "203.0.113.7"
                 *           ],
                 *           "binPrefixes": []
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PutRiskRulesRequest"];
            };
        };
        responses: {
            /** @description The new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "version": 3,
                     *       "updatedAt": "2026-12-07T09:00:00.000Z",
                     *       "rules": {
                     *         "enabled": true,
                     *         "thresholds": {
                     *           "challenge": 30,
                     *           "review": 60,
                     *           "block": 80
                     *         },
                     *         "velocity": {
                     *           "failureWindowMinutes": 60,
                     *           "maxCardFailures": 3,
                     *           "maxEmailFailures": 5,
                     *           "maxIpFailures": 5,
                     *           "maxCardsPerIp": 3,
                     *           "maxCardsPerEmail": 3,
                     *           "burstWindowMinutes": 10,
                     *           "maxAttemptsPerIp": 10,
                     *           "maxAttemptsPerEmail": 10,
                     *           "maxSmallAmounts": 5
                     *         },
                     *         "amounts": {
                     *           "outlierFactor": 10,
                     *           "smallFactor": 0.05,
                     *           "minHistory": 20
                     *         },
                     *         "blockLists": {
                     *           "cardFingerprints": [],
                     *           "emails": [
                     *             "@mailinator.com"
                     *           ],
                     *           "ips": [
                     *             "203.0.113.7"
                     *           ],
                     *           "binPrefixes": []
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RiskRuleSet"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The rules changed since the version you edited (`version_conflict`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postPaymentsByProviderByPaymentIdReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "decision": "approve"
                 *     }
                 */
                "application/json": components["schemas"]["ReviewPaymentRequest"];
            };
        };
        responses: {
            /** @description Decided (the same decision again answers the same way). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description The provider accepted the void and settles it later; a webhook follows. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "status": "review",
                     *       "paymentId": "pay_01M981DJ00M9S346Q3D25VT4F5",
                     *       "transactionId": "sbxch_01M981DJ00V37E3S3E28JT97KB",
                     *       "provider": "sandbox",
                     *       "environment": "test",
                     *       "amount": 100.5,
                     *       "amountMinor": 10050,
                     *       "currency": "TRY",
                     *       "capturedAmount": 0,
                     *       "capturedAmountMinor": 0,
                     *       "refundedAmount": 0,
                     *       "refundedAmountMinor": 0,
                     *       "card": "400000******0077",
                     *       "orderId": "ORDER-10049",
                     *       "cardFingerprint": "fp_3f9a1c0e8b7d4a2f6e5c1b0a9d8e7f60",
                     *       "risk": {
                     *         "score": 70,
                     *         "decision": "review",
                     *         "reasons": [
                     *           {
                     *             "code": "ip_cards",
                     *             "points": 50,
                     *             "message": "4 different cards from this IP address in 60 minutes."
                     *           },
                     *           {
                     *             "code": "country_mismatch",
                     *             "points": 20,
                     *             "message": "The card is from US, the shopper's IP address from TR."
                     *           }
                     *         ],
                     *         "rulesVersion": 3,
                     *         "captureOnApproval": true,
                     *         "review": {
                     *           "decision": "reject",
                     *           "at": "2026-12-07T11:30:00.000Z"
                     *         }
                     *       },
                     *       "createdAt": "2026-12-07T10:40:00.000Z",
                     *       "updatedAt": "2026-12-07T11:30:00.420Z",
                     *       "pendingOperation": {
                     *         "type": "cancel"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown provider or payment (`provider_not_found`, `not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured, not supported, refused by the provider, or refused by your risk rules (`risk_blocked`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The provider did not answer (`provider_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putAdminTenantsByTenantIdSuspension: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suspension as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "tenantId": "ten_01M8NTXDM0QAZNAGWKN4CZ86S2",
                     *       "suspended": true
                     *     }
                     */
                    "application/json": components["schemas"]["Suspension"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such tenant or user (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAdminTenantsByTenantIdSuspension: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suspension as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "tenantId": "ten_01M8NTXDM0QAZNAGWKN4CZ86S2",
                     *       "suspended": false
                     *     }
                     */
                    "application/json": components["schemas"]["Suspension"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such tenant or user (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putAdminUsersByUserIdSuspension: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suspension as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "tenantId": "ten_01M8NTXDM0QAZNAGWKN4CZ86S2",
                     *       "userId": "usr_01M8NTXDM0QAZNAGWKN4CZ86S3",
                     *       "suspended": true
                     *     }
                     */
                    "application/json": components["schemas"]["Suspension"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such tenant or user (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAdminUsersByUserIdSuspension: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suspension as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "tenantId": "ten_01M8NTXDM0QAZNAGWKN4CZ86S2",
                     *       "userId": "usr_01M8NTXDM0QAZNAGWKN4CZ86S3",
                     *       "suspended": false
                     *     }
                     */
                    "application/json": components["schemas"]["Suspension"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such tenant or user (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAdminUsersByUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user is deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "tenantId": "ten_01M8NTXDM0QAZNAGWKN4CZ86S2",
                     *       "userId": "usr_01M8NTXDM0QAZNAGWKN4CZ86S3",
                     *       "deleted": true
                     *     }
                     */
                    "application/json": components["schemas"]["DeletedUser"];
                };
            };
            /** @description Malformed JSON or a field of the wrong shape (`invalid_json`, `invalid_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (`unauthorized`), or an expired access token (`token_expired`: refresh it with `POST /v1/auth/refresh`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated, but not allowed (`forbidden`), or the tenant or user is suspended (`account_suspended`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such tenant or user (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see `Retry-After` (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The gateway is not configured (`service_not_configured`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receivePaymentEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, the same for every attempt of one message: drop duplicates by it. */
                "webhook-id": string;
                /** @description Unix seconds of this attempt. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per active secret, space-separated. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "type": "payment.succeeded",
                 *       "timestamp": "2026-12-07T10:15:00.000Z",
                 *       "data": {
                 *         "success": true,
                 *         "status": "successful",
                 *         "paymentId": "pay_01M97ZZS50W3X0FHXAB725N1WK",
                 *         "transactionId": "sbxch_01M97ZZSAMQJS8QX7HPAMMRZFM",
                 *         "provider": "sandbox",
                 *         "environment": "test",
                 *         "amount": 100.5,
                 *         "amountMinor": 10050,
                 *         "currency": "TRY",
                 *         "capturedAmount": 100.5,
                 *         "capturedAmountMinor": 10050,
                 *         "refundedAmount": 0,
                 *         "refundedAmountMinor": 0,
                 *         "card": "424242******4242",
                 *         "orderId": "ORDER-10042",
                 *         "createdAt": "2026-12-07T10:15:00.000Z",
                 *         "updatedAt": "2026-12-07T10:15:00.000Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PaymentEvent"];
            };
        };
        responses: {
            /** @description Any 2xx: delivered. Anything else is retried (about 2.7 days in all). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and nothing more is sent. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    receiveWebhookTest: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, the same for every attempt of one message: drop duplicates by it. */
                "webhook-id": string;
                /** @description Unix seconds of this attempt. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per active secret, space-separated. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "type": "webhook.test",
                 *       "timestamp": "2026-12-01T08:46:00.000Z",
                 *       "data": {
                 *         "endpointId": "we_01M8RCENQ05462FEA1G305W5PH",
                 *         "message": "A test notification from GoPay Edge; verify its signature as you would any other."
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WebhookTestEvent"];
            };
        };
        responses: {
            /** @description Any 2xx: delivered. Anything else is retried (about 2.7 days in all). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and nothing more is sent. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
