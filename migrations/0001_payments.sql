CREATE TABLE `payment_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payment_events_tenant_created` ON `payment_events` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`provider` text NOT NULL,
	`environment` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`captured_minor` integer NOT NULL,
	`refunded_minor` integer NOT NULL,
	`refund_reserved_minor` integer NOT NULL,
	`provider_payment_id` text,
	`callback_url` text,
	`return_token_id` text,
	`return_used_at` integer,
	`redirect_url` text,
	`card_masked` text,
	`order_id` text,
	`description` text,
	`customer_email` text,
	`decline_code` text,
	`message` text,
	`idempotency_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_tenant_created` ON `payments` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_status_updated` ON `payments` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `payments_provider_reference` ON `payments` (`provider`,`provider_payment_id`);--> statement-breakpoint
CREATE TABLE `provider_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`provider` text NOT NULL,
	`payment_id` text,
	`operation` text NOT NULL,
	`outcome` text NOT NULL,
	`latency_ms` integer NOT NULL,
	`http_status` integer,
	`request` text,
	`response` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `provider_logs_tenant_created` ON `provider_logs` (`tenant_id`,`provider`,`created_at`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`status` text NOT NULL,
	`provider_refund_id` text,
	`reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refunds_payment` ON `refunds` (`tenant_id`,`payment_id`);--> statement-breakpoint
CREATE TABLE `sandbox_charges` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`reference` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`card_masked` text NOT NULL,
	`status` text NOT NULL,
	`capture` integer NOT NULL,
	`captured_minor` integer NOT NULL,
	`refunded_minor` integer NOT NULL,
	`decline_code` text,
	`return_url` text,
	`settles_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_charges_reference` ON `sandbox_charges` (`merchant_id`,`reference`);--> statement-breakpoint
CREATE TABLE `sandbox_refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`charge_id` text NOT NULL,
	`merchant_id` text NOT NULL,
	`reference` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_refunds_reference` ON `sandbox_refunds` (`merchant_id`,`reference`);