ALTER TABLE `payments` ADD `authorize_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `recurring` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `recurring_token` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `parent_payment_id` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `pending_operation` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `pending_operation_minor` integer;