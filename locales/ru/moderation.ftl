## Очередь модерации.

moderation-title = Очередь модерации
moderation-intro = Сообщения и комментарии, ожидающие проверки, и комментарии с жалобами читателей во всех трансляциях, сначала новые.
moderation-empty = Проверять пока нечего.
# { $key } — клавиша, которую нужно нажать; показывается как клавиша клавиатуры.
moderation-shortcuts-line = Доступны сочетания клавиш: нажмите { $key }, чтобы увидеть их список.
moderation-help-title = Сочетания клавиш
moderation-key-next = Следующий комментарий
moderation-key-previous = Предыдущий комментарий
moderation-key-select = Выбрать текущий комментарий или снять выбор
moderation-key-approve = Одобрить текущий комментарий
moderation-key-reject = Отклонить текущий комментарий
moderation-key-spam = Пометить текущий комментарий как спам
moderation-key-delete = Удалить текущий комментарий
moderation-key-help = Показать или скрыть этот список
moderation-key-typing = Пока вы печатаете в поле, сочетания клавиш не действуют.
moderation-guest = гость
moderation-status-pending = Ожидает проверки
moderation-flagged =
    { $count ->
        [one] { $count } жалоба
        [few] { $count } жалобы
       *[many] { $count } жалоб
    }
moderation-flag-reasons = Причины, указанные читателями:
moderation-taken = Проверяет { $name }
moderation-select = Выбрать
moderation-note = Примечание (необязательно)
moderation-approve = Одобрить
moderation-reject = Отклонить
moderation-spam = Спам
moderation-delete = Удалить
moderation-bulk-legend = Выбранные комментарии
moderation-bulk-note = Примечание к выбранным комментариям (необязательно)
moderation-bulk-approve = Одобрить выбранные
moderation-bulk-reject = Отклонить выбранные
moderation-bulk-spam = Пометить выбранные как спам
moderation-bulk-delete = Удалить выбранные
moderation-done-approve = Комментарий одобрен.
moderation-done-reject = Комментарий отклонён.
moderation-done-spam = Комментарий помечен как спам.
moderation-done-delete = Комментарий удалён.
moderation-bulk-done-approve =
    { $count ->
        [one] { $count } комментарий одобрен.
        [few] { $count } комментария одобрены.
       *[many] { $count } комментариев одобрено.
    }
moderation-bulk-done-reject =
    { $count ->
        [one] { $count } комментарий отклонён.
        [few] { $count } комментария отклонены.
       *[many] { $count } комментариев отклонено.
    }
moderation-bulk-done-spam =
    { $count ->
        [one] { $count } комментарий помечен как спам.
        [few] { $count } комментария помечены как спам.
       *[many] { $count } комментариев помечено как спам.
    }
moderation-bulk-done-delete =
    { $count ->
        [one] { $count } комментарий удалён.
        [few] { $count } комментария удалены.
       *[many] { $count } комментариев удалено.
    }
moderation-error-action = Выберите действие: одобрить, отклонить, спам или удалить.
moderation-error-no-selection = Сначала выберите хотя бы один комментарий. Ничего не изменено.
moderation-error-too-many =
    { $count ->
        [one] Можно выбрать не больше { $count } комментария за раз. Ничего не изменено.
        [few] Можно выбрать не больше { $count } комментариев за раз. Ничего не изменено.
       *[many] Можно выбрать не больше { $count } комментариев за раз. Ничего не изменено.
    }
moderation-error-gone = Одного из выбранных комментариев больше нет. Ничего не изменено; обновите очередь.
moderation-pages = Страницы очереди
moderation-older = Более ранние
moderation-newest = К самым новым

moderation-reports-title =
    { $count ->
        [one] { $count } присланное сообщение
        [few] { $count } присланных сообщения
       *[many] { $count } присланных сообщений
    }
moderation-comments-title = Комментарии
moderation-report-source = Источник: { $source }
moderation-report-cites = со ссылкой на { $source }
moderation-report-link = Ссылка на источник
moderation-report-places = Места:
moderation-report-publish = Опубликовать
moderation-report-done-approve = Сообщение опубликовано.
moderation-report-done-reject = Сообщение отклонено.
moderation-report-done-spam = Сообщение помечено как спам.
moderation-report-done-delete = Сообщение удалено.
moderation-empty-comments = Нет комментариев, ожидающих проверки.
