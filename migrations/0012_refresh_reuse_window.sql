ALTER TABLE `refresh_tokens` ADD `successor_id` text;--> statement-breakpoint
ALTER TABLE `refresh_tokens` ADD `sealed_successor` text;