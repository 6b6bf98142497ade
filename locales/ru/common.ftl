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
