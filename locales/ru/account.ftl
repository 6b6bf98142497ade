## Страница учётной записи: кто вы и смена пароля.

account-title = Ваша учётная запись
account-name = Имя учётной записи
account-display-name = Отображаемое имя
account-role = Роль
account-password-heading = Смена пароля
account-current-password = Текущий пароль
account-new-password = Новый пароль
account-new-password-hint =
    { $min ->
        [one] Не менее { $min } символа.
        [few] Не менее { $min } символов.
        [many] Не менее { $min } символов.
       *[other] Не менее { $min } символа.
    }
account-repeat-password = Повторите новый пароль
account-password-submit = Сменить пароль
account-password-changed = Ваш пароль изменён.
account-wrong-password = Текущий пароль указан неверно.
account-password-too-short =
    { $min ->
        [one] Новый пароль должен содержать не менее { $min } символа.
        [few] Новый пароль должен содержать не менее { $min } символов.
        [many] Новый пароль должен содержать не менее { $min } символов.
       *[other] Новый пароль должен содержать не менее { $min } символа.
    }
account-password-too-long = Новый пароль слишком длинный.
account-password-mismatch = Новые пароли не совпадают.
