login-title = Accedi
login-name = Nome dell'account
login-password = Password
login-submit = Accedi
login-failed = Il nome o la password non sono corretti.
login-end-other-sessions = Esci da tutti gli altri dispositivi
