login-title = Вход
login-name = Имя учётной записи
login-password = Пароль
login-submit = Войти
login-failed = Неверное имя или пароль.
login-end-other-sessions = Выйти на всех других устройствах
