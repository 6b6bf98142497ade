## La coda di moderazione.

moderation-title = Coda di moderazione
moderation-intro = Segnalazioni e commenti in attesa di revisione e commenti segnalati dai lettori, da tutte le dirette, dai più recenti.
moderation-empty = Non c'è nulla da rivedere.
# { $key } è il tasto da premere, mostrato come tasto della tastiera.
moderation-shortcuts-line = Sono disponibili scorciatoie da tastiera: premi { $key } per vederle.
moderation-help-title = Scorciatoie da tastiera
moderation-key-next = Commento successivo
moderation-key-previous = Commento precedente
moderation-key-select = Seleziona o deseleziona il commento corrente
moderation-key-approve = Approva il commento corrente
moderation-key-reject = Rifiuta il commento corrente
moderation-key-spam = Segna il commento corrente come spam
moderation-key-delete = Elimina il commento corrente
moderation-key-help = Mostra o nascondi questo elenco
moderation-key-typing = Le scorciatoie non funzionano mentre scrivi in un campo.
moderation-guest = ospite
moderation-status-pending = In attesa
moderation-flagged =
    { $count ->
        [one] Segnalato una volta
       *[other] Segnalato { $count } volte
    }
moderation-flag-reasons = Motivi indicati dai lettori:
moderation-taken = In revisione da parte di { $name }
moderation-select = Seleziona
moderation-note = Nota (facoltativa)
moderation-approve = Approva
moderation-reject = Rifiuta
moderation-spam = Spam
moderation-delete = Elimina
moderation-bulk-legend = Commenti selezionati
moderation-bulk-note = Nota per i commenti selezionati (facoltativa)
moderation-bulk-approve = Approva i selezionati
moderation-bulk-reject = Rifiuta i selezionati
moderation-bulk-spam = Segna i selezionati come spam
moderation-bulk-delete = Elimina i selezionati
moderation-done-approve = Commento approvato.
moderation-done-reject = Commento rifiutato.
moderation-done-spam = Commento segnato come spam.
moderation-done-delete = Commento eliminato.
moderation-bulk-done-approve =
    { $count ->
        [one] { $count } commento approvato.
       *[other] { $count } commenti approvati.
    }
moderation-bulk-done-reject =
    { $count ->
        [one] { $count } commento rifiutato.
       *[other] { $count } commenti rifiutati.
    }
moderation-bulk-done-spam =
    { $count ->
        [one] { $count } commento segnato come spam.
       *[other] { $count } commenti segnati come spam.
    }
moderation-bulk-done-delete =
    { $count ->
        [one] { $count } commento eliminato.
       *[other] { $count } commenti eliminati.
    }
moderation-error-action = Scegli cosa fare: approva, rifiuta, spam o elimina.
moderation-error-no-selection = Seleziona prima almeno un commento. Non è stato modificato nulla.
moderation-error-too-many =
    { $count ->
        [one] Seleziona al massimo { $count } commento alla volta. Non è stato modificato nulla.
       *[other] Seleziona al massimo { $count } commenti alla volta. Non è stato modificato nulla.
    }
moderation-error-gone = Uno dei commenti selezionati non esiste più. Non è stato modificato nulla; ricarica la coda.
moderation-pages = Pagine della coda
moderation-older = Meno recenti
moderation-newest = Torna ai più recenti

moderation-reports-title =
    { $count ->
        [one] { $count } segnalazione inviata
       *[other] { $count } segnalazioni inviate
    }
moderation-comments-title = Commenti
moderation-report-source = Fonte: { $source }
moderation-report-cites = che cita { $source }
moderation-report-link = Link alla fonte
moderation-report-places = Luoghi:
moderation-report-publish = Pubblica
moderation-report-done-approve = Segnalazione pubblicata.
moderation-report-done-reject = Segnalazione respinta.
moderation-report-done-spam = Segnalazione segnata come spam.
moderation-report-done-delete = Segnalazione eliminata.
moderation-empty-comments = Nessun commento è in attesa di revisione.
