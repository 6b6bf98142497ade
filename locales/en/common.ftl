## Shared by every page.

site-name = Cronaca
skip-to-content = Skip to content
nav-home = Live threads
nav-queue = Moderation
nav-new-thread = New thread
nav-users = Users
nav-audit = Audit log
nav-account = Account
nav-login = Log in
nav-logout = Log out
language-switcher = Language
footer-about = Cronaca — live threads on fast-moving events.
datetime-format = { $day } { $month } { $year }, { $time } UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
new-updates =
    { $count ->
        [one] { $count } new update
       *[other] { $count } new updates
    }
nav-label = Main
badge-live = Live
badge-closed = Closed
date-format = { $day } { $month } { $year }
original-language = Original language: { $language }
provenance-published = Published by { $publisher }
provenance-published-on = Published by { $publisher } on { $date }
provenance-original-title = original title “{ $title }”
provenance-translation = { $language } translation by { $translator }
provenance-translation-for = { $language } translation by { $translator } for { $publication }
provenance-machine = { $language } machine translation by { $engine }
language-name =
    { $code ->
        [en] English
        [it] Italian
        [ru] Russian
        [uk] Ukrainian
        [es] Spanish
        [fr] French
        [de] German
        [pt] Portuguese
        [ar] Arabic
        [zh] Chinese
        [ja] Japanese
        [ko] Korean
        [tr] Turkish
        [pl] Polish
        [kk] Kazakh
        [be] Belarusian
        [fa] Persian
        [he] Hebrew
        [hi] Hindi
        [nl] Dutch
        [sv] Swedish
        [el] Greek
        [ro] Romanian
        [hu] Hungarian
        [cs] Czech
        [ka] Georgian
        [hy] Armenian
        [az] Azerbaijani
        [uz] Uzbek
        [ky] Kyrgyz
        [sr] Serbian
        [hr] Croatian
        [bg] Bulgarian
        [ca] Catalan
        [gl] Galician
        [eu] Basque
       *[other] { $code }
    }
