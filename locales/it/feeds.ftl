## Feed Atom e JSON: le parole che Cronaca aggiunge a titoli e note.

feeds-all-title = Tutte le dirette su { $site }
feeds-thread-title = { $title }: aggiornamenti in diretta
feeds-update-untitled = Aggiornamento del { $time }
feeds-struck-title = [barrato] { $title }
feeds-struck-note = Barrato: { $reason }
feeds-struck-correction = Vedi la correzione
feeds-stale = L'originale è stato aggiornato dopo questa traduzione.
feeds-report-title = Segnalazione da { $source }: { $title }
feeds-report-verification = Verifica: { $status }
feeds-report-claims = Dati riportati:
