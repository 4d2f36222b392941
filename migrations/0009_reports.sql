ALTER TABLE `payments` ADD `items` text;--> statement-breakpoint
CREATE INDEX `refunds_tenant_created` ON `refunds` (`tenant_id`,`created_at`);