## La pagina di ricerca.

nav-search = Cerca
search-title = Cerca
search-title-for = Cerca: { $query }
search-label = Parole da trovare
search-button = Cerca
search-hint = Dirette, aggiornamenti, segnalazioni e commenti. Maiuscole e accenti non contano; l'ultima parola può essere solo l'inizio.
search-nothing = Nessun risultato. Prova con meno parole o parole più brevi.
search-too-long = La ricerca è troppo lunga: usa al massimo 200 caratteri.
search-kind-thread = Diretta
search-kind-update = Aggiornamento
search-kind-report = Segnalazione
search-kind-comment = Commento
search-pages = Pagine dei risultati
search-previous = Risultati precedenti
search-next = Altri risultati
