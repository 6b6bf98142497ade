## Atom and JSON feeds: the words Cronaca adds to titles and notes.

feeds-all-title = All threads on { $site }
feeds-thread-title = { $title }: live updates
feeds-update-untitled = Update of { $time }
feeds-struck-title = [struck] { $title }
feeds-struck-note = Struck: { $reason }
feeds-struck-correction = See the correction
feeds-stale = The original was updated after this translation.
feeds-report-title = Report from { $source }: { $title }
feeds-report-verification = Verification: { $status }
feeds-report-claims = Claims:
