ALTER TABLE `provider_logs` ADD `environment` text;--> statement-breakpoint
ALTER TABLE `provider_logs` ADD `request_id` text;--> statement-breakpoint
CREATE INDEX `provider_logs_tenant_payment` ON `provider_logs` (`tenant_id`,`payment_id`);--> statement-breakpoint
CREATE INDEX `provider_logs_tenant_request` ON `provider_logs` (`tenant_id`,`request_id`);--> statement-breakpoint
CREATE INDEX `provider_logs_created` ON `provider_logs` (`created_at`);