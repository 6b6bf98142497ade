## Страница сводки обстановки, блок сводки в трансляции, сообщения в ленте, текстовая сводка.

board-title = Сводка обстановки
board-summary-title = Обстановка
board-full-board = Полная сводка, график и карта
board-as-of = По состоянию на { $when }
board-as-of-ago = Обновлено { $ago }
board-no-reports = Пока ни одно сообщение не содержит данных.
board-no-indicators = Редакция ещё не указала, что отслеживает эта сводка.
board-no-value = Сообщений пока нет.
board-digest = Текстовая сводка
board-agreement-disputed = Оспаривается
board-agreement-corroborated = Подтверждено несколькими источниками
board-agreement-single = Один источник
board-independent-sources =
    { $count ->
        [one] { $count } независимый источник
        [few] { $count } независимых источника
       *[other] { $count } независимых источников
    }
board-places-count =
    { $count ->
        [one] { $count } место
        [few] { $count } места
       *[other] { $count } мест
    }
board-competing = Источники расходятся. Значения рядом, сначала новые:
board-versus = против
board-chart-title = { $indicator } во времени, одна линия на независимый источник
board-chart-table = Те же данные таблицей
board-no-data = Данных пока нет
board-col-time = Время
board-col-source = Источник
board-col-sources = Источники
board-col-value = Значение
board-col-place = Место
board-col-reports = Сообщения
board-reports-link = Сообщения
board-places = Места
board-places-caption = Все места из сообщений и их состояние
board-map-title = Места: { $indicator }
board-map-title-plain = Места из сообщений
board-map-caption = Таблица ниже говорит то же самое словами.
board-no-status = состояние не сообщалось
board-reports-about = Сообщения о месте: { $place }.
board-show-everything = Показать все обновления и сообщения
board-kind-official = официальный источник
board-kind-state_media = государственные СМИ
board-kind-independent_media = независимые СМИ
board-kind-agency = информагентство
board-kind-ngo = НКО
board-kind-international_org = международная организация
board-kind-media = СМИ (без уточнения)
board-kind-aggregated = несколько источников вместе
board-kind-social_channel = канал в соцсетях
board-kind-eyewitness = очевидец
board-kind-anonymous = анонимный источник
board-kind-other = другое
board-verification-unverified = Не проверено
board-verification-corroborated = Подтверждено несколькими источниками
board-verification-disputed = Оспаривается
board-verification-confirmed = Подтверждено
board-verification-false = Ложно
board-verification-retracted = Отозвано
board-report = Сообщение
board-report-from = Источник:
board-report-citing = со ссылкой на
board-report-stated = Заявлено
board-report-occurred = произошло { $when }
board-report-occurred-ago = произошло { $ago }
board-report-received = получено { $when }
board-report-received-ago = получено { $ago }
board-report-places = Места:
board-report-link = Ссылка на источник
board-tick-datetime = { $day } { $month } { $time }
board-tick-date = { $day } { $month }
board-month-1 = янв.
board-month-2 = февр.
board-month-3 = мар.
board-month-4 = апр.
board-month-5 = мая
board-month-6 = июн.
board-month-7 = июл.
board-month-8 = авг.
board-month-9 = сент.
board-month-10 = окт.
board-month-11 = нояб.
board-month-12 = дек.
board-digest-as-of = на { $time }
board-digest-disputed-by =
    оспаривается: { $names } { $count ->
        [one] сообщает
       *[other] сообщают
    } { $value }
board-digest-disputed = оспаривается
board-digest-more =
    { $count ->
        [one] ещё { $count } показатель
        [few] ещё { $count } показателя
       *[other] ещё { $count } показателей
    }
board-digest-no-figures = данных пока нет
board-report-received-head = Получено
board-report-stated-when = заявлено { $when }
board-report-stated-when-ago = заявлено { $ago }
