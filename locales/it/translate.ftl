## Tradurre i contenuti di un filo, e la traduzione automatica per chi legge.

translate-lang-ar = arabo
translate-lang-ca = catalano
translate-lang-de = tedesco
translate-lang-en = inglese
translate-lang-es = spagnolo
translate-lang-fr = francese
translate-lang-he = ebraico
translate-lang-it = italiano
translate-lang-ja = giapponese
translate-lang-kk = kazako
translate-lang-pl = polacco
translate-lang-pt = portoghese
translate-lang-ru = russo
translate-lang-tr = turco
translate-lang-uk = ucraino
translate-lang-zh = cinese

translate-kind-thread = Titolo e introduzione
translate-kind-update = Aggiornamento
translate-kind-report = Segnalazione
translate-kind-indicator = Etichetta dell'indicatore

translate-overview-title = Traduzioni
translate-overview-intro = Ogni elemento di questo filo e la sua traduzione in ciascuna lingua. Le traduzioni restano bozze finché non vengono pubblicate; chi legge vede solo quelle pubblicate.
translate-overview-empty = Non c'è ancora nulla di tradotto. Scegli una lingua per cominciare.
translate-may-publish = Puoi pubblicare traduzioni in questo filo.
translate-may-not-publish = Le traduzioni di questo filo le pubblica una redattrice o un redattore: salva il tuo lavoro come bozza.
translate-add-language = Traduci in
translate-add-language-hint = Un codice di lingua come es, pt-BR o sr-Latn. Suggerite:
translate-add-language-button = Mostra questa lingua
translate-add-error = Questo non è un codice di lingua. Scrivine uno come es, pt-BR o sr-Latn.
translate-add-error-same = Il filo è già scritto in questa lingua.
translate-table-caption = Traduzioni per elemento e lingua
translate-col-item = Elemento
translate-status-original = Lingua originale
translate-status-none = Non tradotto
translate-status-draft = Bozza
translate-status-published = Pubblicata
translate-status-published-draft = Pubblicata, con una bozza più recente in attesa
translate-status-stale = L'originale è cambiato
translate-machine-made = Fatta a macchina da { $engine }
translate-link-start = Traduci { $item } in { $language }
translate-link-edit = Modifica { $item } in { $language }
translate-link-start-short = Traduci
translate-link-edit-short = Modifica

translate-trusted-title = Traduttori di fiducia
translate-trusted-intro = I traduttori di fiducia di questo filo possono pubblicare le proprie traduzioni senza un redattore.
translate-trusted-none = In questo filo non c'è ancora nessun traduttore di fiducia.
translate-trust-remove = Togli la fiducia a { $name }
translate-trust-name = Nome dell'account di un traduttore
translate-trust-hint = Il nome con cui il traduttore accede.
translate-trust-add = Dai fiducia a questo traduttore
translate-trust-added = Ora il traduttore può pubblicare in questo filo.
translate-trust-removed = Il traduttore non può più pubblicare in questo filo.
translate-trust-error-empty = Scrivi il nome dell'account di un traduttore.
translate-trust-error-unknown = Non esiste un account attivo di nome «{ $name }».
translate-trust-error-role = { $name } non è un traduttore. Si può dare fiducia solo agli account con il ruolo di traduttore.

translate-editor-title = Traduzione in { $language }
translate-published-revision = La revisione { $number } è pubblicata
translate-stale = L'originale è stato aggiornato dopo questa traduzione.
translate-stale-detail = Questa traduzione è stata fatta dalla revisione { $from } dell'originale, che ora è alla revisione { $now }.
translate-stale-changes = Vedi che cosa è cambiato nell'originale
translate-stale-readers = Chi legge vede la traduzione pubblicata segnata come non aggiornata finché non si pubblica una nuova revisione.
translate-original-then = L'originale com'era alla revisione { $number }
translate-original = Originale
translate-original-revision = revisione { $number }
translate-original-link = dove lo vede chi legge
translate-yours = La tua traduzione
translate-field-title = Titolo
translate-field-label = Etichetta
translate-field-lead = Introduzione
translate-field-body = Testo
translate-body-hint = Markdown, come nell'originale.
translate-notes-hint = Metti le tue note tra doppie parentesi quadre, [[così]]: chi legge le vede distinte, come note del traduttore. Per scrivere due parentesi così come sono, digita \[[.
translate-credit-legend = Crediti
translate-field-translator = Traduttore
translate-translator-hint = Come lo vedrà chi legge. Se lo lasci vuoto: il traduttore della revisione precedente, o il tuo nome visualizzato.
translate-field-translator-url = Indirizzo web del traduttore (facoltativo)
translate-field-publication = Testata (facoltativa)
translate-publication-hint = Il sito o il giornale per cui è fatta questa traduzione.
translate-field-publication-url = Indirizzo web della testata (facoltativo)
translate-preview-title = Anteprima
translate-save = Salva la bozza
translate-preview = Anteprima
translate-save-hint = Ogni salvataggio conserva tutte le revisioni precedenti. Ciò che vede chi legge cambia solo quando si pubblica una revisione.
translate-machine-button = Bozza automatica ({ $engine })
translate-machine-hint = { $engine } traduce l'originale e il risultato viene salvato come nuova revisione in bozza, segnata come fatta a macchina finché una persona non la modifica e la salva. Il testo scritto qui sopra e non salvato va perso.
translate-publish = Pubblica la revisione { $number }
translate-withdraw = Ritira
translate-withdraw-hint = Chi legge smette di vedere questa traduzione; le sue revisioni restano.
translate-revisions = Revisioni
translate-revision = Revisione { $number }
translate-revision-by = salvata da { $name }
translate-revision-credit = attribuita a { $name }
translate-revision-source = dalla revisione { $number } dell'originale
translate-revision-published = Pubblicata
translate-revision-text = Testo

translate-done-saved = Bozza salvata.
translate-done-machine = Bozza automatica salvata. Controllala e correggila prima che venga pubblicata.
translate-done-published = Pubblicata: ora chi legge vede questa revisione.
translate-done-withdrawn = Ritirata: chi legge non vede più questa traduzione.

translate-error-same-language = Questo elemento è già scritto in { $language }.
translate-error-title = Scrivi il titolo tradotto, al massimo 300 caratteri.
translate-error-label = Scrivi l'etichetta tradotta su una riga, al massimo 200 caratteri.
translate-error-body = Scrivi il testo tradotto, al massimo 20.000 caratteri; ogni nota al massimo 1.000.
translate-error-credit = Indica un nome, al massimo 200 caratteri, insieme al suo indirizzo web.
translate-error-url = Scrivi un indirizzo web completo che inizi con http:// o https://.
translate-error-source-revision = L'originale è cambiato mentre traducevi. Ricarica la pagina e salva di nuovo.
translate-conflict-exists = Nel frattempo qualcuno ha cominciato questa traduzione. Ricarica la pagina per vederla.
translate-conflict-outdated = Nel frattempo è stata salvata una revisione più recente. Ricarica la pagina per vederla prima di pubblicare.
translate-conflict-published = Questa revisione è già pubblicata.
translate-conflict-not-published = Questa traduzione non è pubblicata.

translate-mt-title = Traduzione automatica
translate-mt-original = Originale ({ $language })
translate-mt-translation = Traduzione
translate-mt-by = Traduzione automatica di { $engine }
translate-mt-disclaimer = Fatta da una macchina, non da una persona: può contenere errori.
translate-mt-back = Torna al filo
translate-mt-off = La traduzione automatica non è attiva su questo sito.
translate-mt-bad-language = La lingua richiesta non è un codice di lingua.
translate-mt-same-language = Questo testo è già in { $language }.
translate-mt-too-many = Troppe traduzioni richieste in poco tempo. Aspetta un minuto e riprova.
translate-mt-unavailable = Il motore di traduzione automatica ({ $engine }) non risponde; riprova più tardi.
translate-mt-unsupported = { $engine } non traduce da { $from } a { $to }.
translate-mt-failed = { $engine } non è riuscito a tradurre questo testo.

# Traduzioni in attesa di pubblicazione: conteggi nella pagina iniziale e in quella del thread, e a che punto è una bozza.
translate-waiting-count = { $count ->
    [one] { $count } traduzione attende la pubblicazione
   *[other] { $count } traduzioni attendono la pubblicazione
}
translate-waiting-yours = { $count ->
    [one] { $count } tua traduzione attende la pubblicazione di un redattore
   *[other] { $count } tue traduzioni attendono la pubblicazione di un redattore
}
translate-standing-published = La revisione { $revision } è pubblicata: è quella che vedono i lettori.
translate-standing-waiting = La revisione { $revision } attende la pubblicazione di un redattore.
translate-standing-yours-to-publish = La revisione { $revision } non è ancora pubblicata: pubblicala quando è pronta.
translate-standing-machine = La revisione { $revision } è una bozza automatica: rileggila e salvala prima di poterla pubblicare.
translate-standing-readers-see = Fino ad allora i lettori vedono la revisione { $revision }.
translate-standing-readers-original = Fino ad allora i lettori vedono l'originale.
