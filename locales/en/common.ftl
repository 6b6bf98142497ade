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
