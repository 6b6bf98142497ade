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
date-format = { $day } { $month } { $year }
original-language = Lingua originale: { $language }
provenance-published = Pubblicato da { $publisher }
provenance-published-on = Pubblicato da { $publisher } il { $date }
provenance-original-title = titolo originale «{ $title }»
provenance-translation = Traduzione in { $language } di { $translator }
provenance-translation-for = Traduzione in { $language } di { $translator } per { $publication }
provenance-machine = Traduzione automatica in { $language } di { $engine }
language-name =
    { $code ->
        [en] inglese
        [it] italiano
        [ru] russo
        [uk] ucraino
        [es] spagnolo
        [fr] francese
        [de] tedesco
        [pt] portoghese
        [ar] arabo
        [zh] cinese
        [ja] giapponese
        [ko] coreano
        [tr] turco
        [pl] polacco
        [kk] kazako
        [be] bielorusso
        [fa] persiano
        [he] ebraico
        [hi] hindi
        [nl] olandese
        [sv] svedese
        [el] greco
        [ro] rumeno
        [hu] ungherese
        [cs] ceco
        [ka] georgiano
        [hy] armeno
        [az] azero
        [uz] uzbeco
        [ky] kirghiso
        [sr] serbo
        [hr] croato
        [bg] bulgaro
        [ca] catalano
        [gl] galiziano
        [eu] basco
       *[other] { $code }
    }
