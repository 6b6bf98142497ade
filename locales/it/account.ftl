## La pagina dell'account: chi si è e il cambio della password.

account-title = Il tuo account
account-name = Nome dell'account
account-display-name = Nome visualizzato
account-role = Ruolo
account-password-heading = Cambia la password
account-current-password = Password attuale
account-new-password = Nuova password
account-new-password-hint =
    { $min ->
        [one] Almeno { $min } carattere.
       *[other] Almeno { $min } caratteri.
    }
account-repeat-password = Ripeti la nuova password
account-password-submit = Cambia password
account-password-changed = La tua password è stata cambiata.
account-wrong-password = La password attuale non è corretta.
account-password-too-short =
    { $min ->
        [one] La nuova password deve contenere almeno { $min } carattere.
       *[other] La nuova password deve contenere almeno { $min } caratteri.
    }
account-password-too-long = La nuova password è troppo lunga.
account-password-mismatch = Le due nuove password non coincidono.
