## Ленты Atom и JSON: слова, которые Cronaca добавляет к заголовкам и пометкам.

feeds-all-title = Все трансляции на { $site }
feeds-thread-title = { $title }: обновления трансляции
feeds-update-untitled = Обновление от { $time }
feeds-struck-title = [зачёркнуто] { $title }
feeds-struck-note = Зачёркнуто: { $reason }
feeds-struck-correction = Смотреть исправление
feeds-stale = Оригинал изменён после этого перевода.
feeds-report-title = Сообщение источника { $source }: { $title }
feeds-report-verification = Проверка: { $status }
feeds-report-claims = Утверждения:
