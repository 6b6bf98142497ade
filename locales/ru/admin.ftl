## Администрирование: учётные записи и журнал действий.

admin-role-admin = Администратор
admin-role-editor = Редактор
admin-role-moderator = Модератор
admin-role-translator = Переводчик
admin-role-contributor = Участник

admin-users-title = Учётные записи
admin-users-count =
    { $count ->
        [one] { $count } учётная запись
        [few] { $count } учётные записи
        [many] { $count } учётных записей
       *[other] { $count } учётной записи
    }
admin-users-col-name = Имя учётной записи
admin-users-col-display-name = Отображаемое имя
admin-users-col-role = Роль
admin-users-col-status = Состояние
admin-users-col-created = Создана
admin-users-col-actions = Действия
admin-users-active = Активна
admin-users-disabled = Отключена
admin-users-you = вы
admin-users-role-for = Роль пользователя { $name }
admin-users-change-role = Сменить роль
admin-users-disable = Отключить
admin-users-enable = Включить
admin-users-saved = Изменения для { $name } сохранены.
admin-users-created = Учётная запись { $name } создана.
admin-users-create-heading = Новая учётная запись
admin-users-new-name = Имя учётной записи
admin-users-new-name-hint = Только латинские буквы, цифры, «_», «-» и «.»; не более 40 символов. Используется для входа.
admin-users-new-display-name = Отображаемое имя
admin-users-new-display-name-hint = Показывается рядом с тем, что пишет пользователь. Оставьте пустым, чтобы использовать имя учётной записи.
admin-users-new-role = Роль
admin-users-new-password = Пароль
admin-users-new-password-hint =
    { $min ->
        [one] Не менее { $min } символа. Оставьте пустым, чтобы создать пароль автоматически: он будет показан один раз.
        [few] Не менее { $min } символов. Оставьте пустым, чтобы создать пароль автоматически: он будет показан один раз.
        [many] Не менее { $min } символов. Оставьте пустым, чтобы создать пароль автоматически: он будет показан один раз.
       *[other] Не менее { $min } символа. Оставьте пустым, чтобы создать пароль автоматически: он будет показан один раз.
    }
admin-users-create-submit = Создать учётную запись
admin-users-name-invalid = Имя учётной записи может содержать только латинские буквы, цифры, «_», «-» и «.», не более 40 символов.
admin-users-display-name-invalid = Отображаемое имя может содержать не более 80 символов.
admin-users-password-too-short =
    { $min ->
        [one] Пароль должен содержать не менее { $min } символа.
        [few] Пароль должен содержать не менее { $min } символов.
        [many] Пароль должен содержать не менее { $min } символов.
       *[other] Пароль должен содержать не менее { $min } символа.
    }
admin-users-password-too-long = Пароль слишком длинный.
admin-users-name-taken = Учётная запись с именем { $name } уже существует.
admin-users-bad-role = Выберите одну из ролей в списке.
admin-users-self-disable = Нельзя отключить собственную учётную запись.
admin-users-self-demote = Нельзя снять с себя роль администратора.

admin-created-title = Учётная запись создана
admin-created-intro = Учётная запись { $name } создана с таким паролем:
admin-created-once = Скопируйте его сейчас и надёжно передайте владельцу: больше он показан не будет.
admin-created-back = Вернуться к учётным записям

admin-audit-title = Журнал действий
admin-audit-col-time = Время
admin-audit-col-who = Кто
admin-audit-col-action = Действие
admin-audit-col-target = Объект
admin-audit-col-changes = Изменения
admin-audit-show-changes = Показать изменения
admin-audit-before = До
admin-audit-after = После
admin-audit-nothing = ничего
admin-audit-empty = В журнале пока ничего нет.
admin-audit-older = Более ранние записи
admin-audit-newest = Самые новые записи
admin-audit-bad-cursor = Такой страницы журнала нет. Начните заново с самых новых записей.
admin-audit-actor-system = Командная строка
admin-audit-actor-guest = Гость
admin-action-user-create = Создана учётная запись
admin-action-user-set-role = Изменена роль
admin-action-user-disable = Учётная запись отключена
admin-action-user-enable = Учётная запись включена
admin-action-user-set-password = Изменён пароль
admin-action-token-create = Создан API-токен
admin-action-token-revoke = Отозван API-токен
admin-action-thread-create = Создана трансляция
admin-action-thread-edit = Изменена трансляция
admin-action-update-post = Опубликовано обновление
admin-action-update-edit = Изменено обновление
admin-action-update-strike = Зачёркнуто обновление
admin-action-comment-edit = Изменён комментарий
admin-action-comment-moderate = Проведена модерация комментария
admin-kind-user = учётная запись
admin-kind-token = API-токен
admin-kind-thread = трансляция
admin-kind-update = обновление
admin-kind-comment = комментарий
