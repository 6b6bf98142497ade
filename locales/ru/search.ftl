## Страница поиска.

nav-search = Поиск
search-title = Поиск
search-title-for = Поиск: { $query }
search-label = Что найти
search-button = Найти
search-hint = Трансляции, обновления, сообщения и комментарии. Регистр и диакритика не важны; последнее слово можно не дописывать.
search-nothing = Ничего не найдено. Попробуйте меньше слов или более короткие слова.
search-too-long = Слишком длинный запрос: не более 200 символов.
search-kind-thread = Трансляция
search-kind-update = Обновление
search-kind-report = Сообщение
search-kind-comment = Комментарий
search-pages = Страницы результатов
search-previous = Предыдущие результаты
search-next = Ещё результаты
