## Перевод материалов ленты и машинный перевод для читателей.

translate-lang-ar = арабский
translate-lang-ca = каталанский
translate-lang-de = немецкий
translate-lang-en = английский
translate-lang-es = испанский
translate-lang-fr = французский
translate-lang-he = иврит
translate-lang-it = итальянский
translate-lang-ja = японский
translate-lang-kk = казахский
translate-lang-pl = польский
translate-lang-pt = португальский
translate-lang-ru = русский
translate-lang-tr = турецкий
translate-lang-uk = украинский
translate-lang-zh = китайский

translate-kind-thread = Заголовок и вступление
translate-kind-update = Обновление
translate-kind-report = Сообщение
translate-kind-indicator = Название показателя

translate-overview-title = Переводы
translate-overview-intro = Все материалы этой ленты и их переводы на каждый язык. Перевод остаётся черновиком, пока его не опубликуют; читатели видят только опубликованные переводы.
translate-overview-empty = Пока ничего не переведено. Выберите язык, чтобы начать.
translate-may-publish = Вы можете публиковать переводы в этой ленте.
translate-may-not-publish = Переводы в этой ленте публикует редактор: сохраните свою работу как черновик.
translate-add-language = Перевести на
translate-add-language-hint = Код языка, например es, pt-BR или sr-Latn. Предлагаемые:
translate-add-language-button = Показать этот язык
translate-add-error = Это не код языка. Напишите, например, es, pt-BR или sr-Latn.
translate-add-error-same = Лента уже написана на этом языке.
translate-table-caption = Переводы по материалам и языкам
translate-col-item = Материал
translate-status-original = Язык оригинала
translate-status-none = Не переведено
translate-status-draft = Черновик
translate-status-published = Опубликован
translate-status-published-draft = Опубликован, ждёт более новый черновик
translate-status-stale = Оригинал изменился
translate-machine-made = Машинный перевод: { $engine }
translate-link-start = Перевести «{ $item }» на язык: { $language }
translate-link-edit = Править «{ $item }» на языке: { $language }
translate-link-start-short = Перевести
translate-link-edit-short = Править

translate-trusted-title = Доверенные переводчики
translate-trusted-intro = Доверенные переводчики этой ленты могут публиковать свои переводы без редактора.
translate-trusted-none = В этой ленте пока нет доверенных переводчиков.
translate-trust-remove = Перестать доверять: { $name }
translate-trust-name = Имя учётной записи переводчика
translate-trust-hint = Имя, под которым переводчик входит на сайт.
translate-trust-add = Доверять этому переводчику
translate-trust-added = Теперь переводчик может публиковать в этой ленте.
translate-trust-removed = Переводчик больше не может публиковать в этой ленте.
translate-trust-error-empty = Напишите имя учётной записи переводчика.
translate-trust-error-unknown = Активной учётной записи с именем «{ $name }» нет.
translate-trust-error-role = { $name } — не переводчик. Доверять можно только учётным записям с ролью переводчика.

translate-editor-title = Перевод на { $language }
translate-published-revision = Опубликована версия { $number }
translate-stale = Оригинал изменили после этого перевода.
translate-stale-detail = Перевод сделан с версии { $from } оригинала, а сейчас у оригинала версия { $now }.
translate-stale-changes = Посмотреть, что изменилось в оригинале
translate-stale-readers = Пока не опубликована новая версия, читатели видят опубликованный перевод с пометкой «устарел».
translate-original-then = Оригинал в версии { $number }
translate-original = Оригинал
translate-original-revision = версия { $number }
translate-original-link = как его видят читатели
translate-yours = Ваш перевод
translate-field-title = Заголовок
translate-field-label = Название
translate-field-lead = Вступление
translate-field-body = Текст
translate-body-hint = Markdown, как в оригинале.
translate-notes-hint = Свои примечания заключайте в двойные квадратные скобки, [[вот так]]: читатели увидят их отдельно, как примечания переводчика. Чтобы написать две скобки как есть, наберите \[[.
translate-credit-legend = Авторство перевода
translate-field-translator = Переводчик
translate-translator-hint = Так его увидят читатели. Если оставить пустым — переводчик предыдущей версии или ваше отображаемое имя.
translate-field-translator-url = Веб-адрес переводчика (необязательно)
translate-field-publication = Издание (необязательно)
translate-publication-hint = Сайт или газета, для которых сделан этот перевод.
translate-field-publication-url = Веб-адрес издания (необязательно)
translate-preview-title = Предпросмотр
translate-save = Сохранить черновик
translate-preview = Предпросмотр
translate-save-hint = При сохранении все прежние версии остаются. То, что видят читатели, меняется только после публикации версии.
translate-machine-button = Машинный черновик ({ $engine })
translate-machine-hint = { $engine } переведёт оригинал, и результат сохранится как новая версия черновика с пометкой «машинный перевод», пока человек не исправит и не сохранит её. Несохранённый текст в форме выше пропадёт.
translate-publish = Опубликовать версию { $number }
translate-withdraw = Снять с публикации
translate-withdraw-hint = Читатели перестанут видеть этот перевод; его версии сохранятся.
translate-revisions = Версии
translate-revision = Версия { $number }
translate-revision-by = сохранил(а) { $name }
translate-revision-credit = автор перевода: { $name }
translate-revision-source = с версии { $number } оригинала
translate-revision-published = Опубликована
translate-revision-text = Текст

translate-done-saved = Черновик сохранён.
translate-done-machine = Машинный черновик сохранён. Проверьте и исправьте его перед публикацией.
translate-done-published = Опубликовано: теперь читатели видят эту версию.
translate-done-withdrawn = Снято с публикации: читатели больше не видят этот перевод.

translate-error-same-language = Этот материал уже написан на языке: { $language }.
translate-error-title = Напишите переведённый заголовок, не длиннее 300 знаков.
translate-error-label = Напишите переведённое название одной строкой, не длиннее 200 знаков.
translate-error-body = Напишите переведённый текст, не длиннее 20 000 знаков; каждое примечание — не длиннее 1000.
translate-error-credit = Укажите имя, не длиннее 200 знаков, вместе с его веб-адресом.
translate-error-url = Напишите полный веб-адрес, начинающийся с http:// или https://.
translate-error-source-revision = Оригинал изменился, пока вы переводили. Перезагрузите страницу и сохраните ещё раз.
translate-conflict-exists = Тем временем кто-то начал этот перевод. Перезагрузите страницу, чтобы его увидеть.
translate-conflict-outdated = Тем временем сохранили более новую версию. Перезагрузите страницу и посмотрите её перед публикацией.
translate-conflict-published = Эта версия уже опубликована.
translate-conflict-not-published = Этот перевод не опубликован.

translate-mt-title = Машинный перевод
translate-mt-original = Оригинал ({ $language })
translate-mt-translation = Перевод
translate-mt-by = Машинный перевод: { $engine }
translate-mt-disclaimer = Перевёл не человек, а программа: возможны ошибки.
translate-mt-back = Вернуться к ленте
translate-mt-off = Машинный перевод на этом сайте не настроен.
translate-mt-bad-language = Запрошенный язык — не код языка.
translate-mt-same-language = Этот текст уже на языке: { $language }.
translate-mt-too-many = Слишком много переводов за короткое время. Подождите минуту и попробуйте снова.
translate-mt-unavailable = Сервис машинного перевода ({ $engine }) не отвечает; попробуйте позже.
translate-mt-unsupported = { $engine } не переводит с языка «{ $from }» на язык «{ $to }».
translate-mt-failed = { $engine } не смог перевести этот текст.

# Переводы, ожидающие публикации: счётчики на главной странице и странице треда, и состояние черновика.
translate-waiting-count = { $count ->
    [one] { $count } перевод ждёт публикации
    [few] { $count } перевода ждут публикации
   *[other] { $count } переводов ждут публикации
}
translate-waiting-yours = { $count ->
    [one] { $count } ваш перевод ждёт публикации редактором
    [few] { $count } ваших перевода ждут публикации редактором
   *[other] { $count } ваших переводов ждут публикации редактором
}
translate-standing-published = Версия { $revision } опубликована: читатели видят её.
translate-standing-waiting = Версия { $revision } ждёт публикации редактором.
translate-standing-yours-to-publish = Версия { $revision } ещё не опубликована: опубликуйте её, когда она будет готова.
translate-standing-machine = Версия { $revision } — машинный черновик: прочитайте и сохраните её, прежде чем её можно будет опубликовать.
translate-standing-readers-see = До тех пор читатели видят версию { $revision }.
translate-standing-readers-original = До тех пор читатели видят оригинал.
