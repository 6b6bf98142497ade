# Сообщения, на которых держатся цифры сводки, и утверждения, устаревшие после новых известий.
evidence-reports = Сообщения:
evidence-according-to = по данным
evidence-superseded-intro = Больше не учитываются, устарели после новых известий:
evidence-superseded-by-report = устарело после более позднего сообщения
evidence-superseded-by-update = устарело после более позднего обновления
evidence-restated = заменено более поздним сообщением того же источника
evidence-supersede-summary = Отметить как устаревшее
evidence-supersede-label = Устарело после
evidence-supersede-hint = Более позднее сообщение или обновление, после которого это утверждение устарело. Утверждение остаётся видимым, зачёркнутым, и больше не учитывается в сводке.
evidence-supersede-none = Не устарело (учитывается в сводке)
evidence-supersede-update = Обновление, { $time }: { $text }
evidence-supersede-report = Сообщение источника { $source }, { $time }
evidence-supersede-submit = Сохранить
evidence-supersede-done = Отметка утверждения сохранена.
