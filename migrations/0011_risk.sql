ALTER TABLE `payments` ADD `risk` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `card_fingerprint` text;