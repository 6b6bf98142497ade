## Общие для всех страниц.

site-name = Cronaca
skip-to-content = Перейти к содержанию
nav-home = Прямые трансляции
nav-queue = Модерация
nav-new-thread = Новая трансляция
nav-users = Пользователи
nav-audit = Журнал действий
nav-account = Учётная запись
nav-login = Войти
nav-logout = Выйти
language-switcher = Язык
footer-about = Cronaca — прямые трансляции о быстро развивающихся событиях.
datetime-format = { $day } { $month } { $year } г., { $time } UTC
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
new-updates =
    { $count ->
        [one] { $count } новое обновление
        [few] { $count } новых обновления
       *[many] { $count } новых обновлений
    }
nav-label = Главное меню
badge-live = В эфире
badge-closed = Завершена
date-format = { $day } { $month } { $year } г.
original-language = Язык оригинала: { $language }
provenance-published = Первая публикация: { $publisher }
provenance-published-on = Первая публикация: { $publisher }, { $date }
provenance-original-title = исходный заголовок «{ $title }»
provenance-translation = Перевод на { $language }: { $translator }
provenance-translation-for = Перевод на { $language }: { $translator } для { $publication }
provenance-machine = Машинный перевод на { $language }: { $engine }
language-name =
    { $code ->
        [en] английский
        [it] итальянский
        [ru] русский
        [uk] украинский
        [es] испанский
        [fr] французский
        [de] немецкий
        [pt] португальский
        [ar] арабский
        [zh] китайский
        [ja] японский
        [ko] корейский
        [tr] турецкий
        [pl] польский
        [kk] казахский
        [be] белорусский
        [fa] персидский
        [he] иврит
        [hi] хинди
        [nl] нидерландский
        [sv] шведский
        [el] греческий
        [ro] румынский
        [hu] венгерский
        [cs] чешский
        [ka] грузинский
        [hy] армянский
        [az] азербайджанский
        [uz] узбекский
        [ky] киргизский
        [sr] сербский
        [hr] хорватский
        [bg] болгарский
        [ca] каталанский
        [gl] галисийский
        [eu] баскский
       *[other] { $code }
    }
