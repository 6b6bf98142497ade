// Moderation queue: keyboard shortcuts and bulk selection.
