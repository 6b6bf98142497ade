login-title = Log in
login-name = Account name
login-password = Password
login-submit = Log in
login-failed = The name or the password is wrong.
login-end-other-sessions = Log me out everywhere else
