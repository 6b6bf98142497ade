# Le fonti dietro le cifre del quadro, e le affermazioni superate da notizie successive.
evidence-reports = Segnalazioni:
evidence-according-to = secondo
evidence-superseded-intro = Non più conteggiate, superate da notizie successive:
evidence-superseded-by-report = superata da una segnalazione successiva
evidence-superseded-by-update = superata da un aggiornamento successivo
evidence-restated = sostituita da una segnalazione successiva della stessa fonte
evidence-supersede-summary = Segna come superata
evidence-supersede-label = Superata da
evidence-supersede-hint = Una segnalazione o un aggiornamento successivo che supera questa affermazione. L'affermazione resta visibile, barrata, e non conta più nel quadro.
evidence-supersede-none = Non superata (conta nel quadro)
evidence-supersede-update = Aggiornamento, { $time }: { $text }
evidence-supersede-report = Segnalazione di { $source }, { $time }
evidence-supersede-submit = Salva
evidence-supersede-done = Il segno sull'affermazione è stato salvato.
