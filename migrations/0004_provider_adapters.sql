CREATE TABLE `shopper_pages` (
	`payment_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`token_id` text NOT NULL,
	`page` text NOT NULL,
	`form_origins` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shopper_pages_expires` ON `shopper_pages` (`expires_at`);--> statement-breakpoint
ALTER TABLE `payments` ADD `authorize_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `recurring` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `recurring_token` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `parent_payment_id` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `pending_operation` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `pending_operation_minor` integer;