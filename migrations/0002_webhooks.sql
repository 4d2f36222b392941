CREATE TABLE `provider_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`tenant_id` text,
	`payment_id` text,
	`verified` integer NOT NULL,
	`outcome` text NOT NULL,
	`raw_body` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_notifications_dedupe` ON `provider_notifications` (`provider`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`next_attempt_at` integer,
	`delivered_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_endpoint_event` ON `webhook_deliveries` (`endpoint_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_tenant_created` ON `webhook_deliveries` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_status_next` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`url` text NOT NULL,
	`mode` text NOT NULL,
	`events` text,
	`description` text,
	`sealed_secret` text NOT NULL,
	`sealed_previous_secret` text,
	`previous_secret_expires_at` integer,
	`status` text NOT NULL,
	`disabled_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_tenant` ON `webhook_endpoints` (`tenant_id`);--> statement-breakpoint
ALTER TABLE `payment_events` ADD `dispatched_at` integer;--> statement-breakpoint
CREATE INDEX `payment_events_undispatched` ON `payment_events` (`dispatched_at`,`created_at`);--> statement-breakpoint
ALTER TABLE `payments` ADD `reconcile_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `next_reconcile_at` integer;