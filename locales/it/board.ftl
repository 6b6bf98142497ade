## La pagina del quadro della situazione, il riquadro nella diretta, le segnalazioni, il riassunto.

board-title = Quadro della situazione
board-summary-title = Situazione
board-full-board = Quadro completo, grafico e mappa
board-as-of = Aggiornato al { $when }
board-as-of-ago = Aggiornato { $ago }
board-no-reports = Nessuna segnalazione riporta ancora dati.
board-no-indicators = La redazione non ha ancora indicato che cosa segue questo quadro.
board-no-value = Ancora nessuna segnalazione.
board-digest = Riassunto in testo
board-agreement-disputed = Contestato
board-agreement-corroborated = Confermato da più fonti
board-agreement-single = Fonte unica
board-independent-sources =
    { $count ->
        [one] { $count } fonte indipendente
       *[other] { $count } fonti indipendenti
    }
board-places-count =
    { $count ->
        [one] { $count } luogo
       *[other] { $count } luoghi
    }
board-competing = Le fonti non concordano. I valori a confronto, dal più recente:
board-versus = contro
board-chart-title = { $indicator } nel tempo, una linea per fonte indipendente
board-chart-table = Gli stessi dati in una tabella
board-no-data = Ancora nessun dato
board-col-time = Ora
board-col-source = Fonte
board-col-sources = Fonti
board-col-value = Valore
board-col-place = Luogo
board-col-reports = Segnalazioni
board-reports-link = Segnalazioni
board-places = Luoghi
board-places-caption = Ogni luogo citato nelle segnalazioni, con il suo stato
board-map-title = Luoghi per { $indicator }
board-map-title-plain = Luoghi citati nelle segnalazioni
board-map-caption = La tabella qui sotto dice lo stesso a parole.
board-no-status = nessuno stato segnalato
board-reports-about = Segnalazioni su { $place }.
board-show-everything = Mostra tutti gli aggiornamenti e le segnalazioni
board-kind-official = fonte ufficiale
board-kind-state_media = media di stato
board-kind-independent_media = media indipendente
board-kind-agency = agenzia di stampa
board-kind-ngo = ONG
board-kind-international_org = organizzazione internazionale
board-kind-media = media (non specificati)
board-kind-aggregated = più fonti insieme
board-kind-social_channel = canale social
board-kind-eyewitness = testimone oculare
board-kind-anonymous = anonimo
board-kind-other = altro
board-verification-unverified = Non verificato
board-verification-corroborated = Confermato da più fonti
board-verification-disputed = Contestato
board-verification-confirmed = Verificato
board-verification-false = Falso
board-verification-retracted = Ritrattato
board-report = Segnalazione
board-report-from = Fonte:
board-report-citing = che cita
board-report-stated = Dichiarato
board-report-occurred = avvenuto il { $when }
board-report-occurred-ago = avvenuto { $ago }
board-report-received = ricevuto il { $when }
board-report-received-ago = ricevuto { $ago }
board-report-places = Luoghi:
board-report-link = Link alla fonte
board-tick-datetime = { $day } { $month } { $time }
board-tick-date = { $day } { $month }
board-month-1 = gen
board-month-2 = feb
board-month-3 = mar
board-month-4 = apr
board-month-5 = mag
board-month-6 = giu
board-month-7 = lug
board-month-8 = ago
board-month-9 = set
board-month-10 = ott
board-month-11 = nov
board-month-12 = dic
board-digest-as-of = aggiornato al { $time }
board-digest-disputed-by =
    contestato: { $names } { $count ->
        [one] dice
       *[other] dicono
    } { $value }
board-digest-disputed = contestato
board-digest-more =
    { $count ->
        [one] +{ $count } altro indicatore
       *[other] +{ $count } altri indicatori
    }
board-digest-no-figures = ancora nessun dato
board-report-received-head = Ricevuto
board-report-stated-when = dichiarato il { $when }
board-report-stated-when-ago = dichiarato { $ago }
