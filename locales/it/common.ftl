## Comuni a tutte le pagine.

site-name = Cronaca
skip-to-content = Vai al contenuto
nav-home = Dirette
nav-queue = Moderazione
nav-new-thread = Nuova diretta
nav-users = Utenti
nav-audit = Registro delle azioni
nav-account = Account
nav-login = Accedi
nav-logout = Esci
language-switcher = Lingua
footer-about = Cronaca — dirette sugli eventi in corso.
datetime-format = { $day } { $month } { $year }, { $time } UTC
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre
new-updates =
    { $count ->
        [one] { $count } nuovo aggiornamento
       *[other] { $count } nuovi aggiornamenti
    }
nav-label = Principale
badge-live = In diretta
badge-closed = Chiusa
