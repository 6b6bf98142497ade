## Amministrazione: account e registro delle attività.

admin-role-admin = Amministratore
admin-role-editor = Redattore
admin-role-moderator = Moderatore
admin-role-translator = Traduttore
admin-role-contributor = Collaboratore

admin-users-title = Account
admin-users-count =
    { $count ->
        [one] { $count } account
       *[other] { $count } account
    }
admin-users-col-name = Nome dell'account
admin-users-col-display-name = Nome visualizzato
admin-users-col-role = Ruolo
admin-users-col-status = Stato
admin-users-col-created = Creato il
admin-users-col-actions = Azioni
admin-users-active = Attivo
admin-users-disabled = Disattivato
admin-users-you = tu
admin-users-role-for = Ruolo di { $name }
admin-users-change-role = Cambia ruolo
admin-users-disable = Disattiva
admin-users-enable = Riattiva
admin-users-saved = Le modifiche a { $name } sono state salvate.
admin-users-created = L'account { $name } è stato creato.
admin-users-create-heading = Nuovo account
admin-users-new-name = Nome dell'account
admin-users-new-name-hint = Solo lettere, cifre, «_», «-» e «.»; al massimo 40 caratteri. Serve per accedere.
admin-users-new-display-name = Nome visualizzato
admin-users-new-display-name-hint = Appare accanto a ciò che scrive. Lascia vuoto per usare il nome dell'account.
admin-users-new-role = Ruolo
admin-users-new-password = Password
admin-users-new-password-hint =
    { $min ->
        [one] Almeno { $min } carattere. Lascia vuoto per generarne una, che verrà mostrata una sola volta.
       *[other] Almeno { $min } caratteri. Lascia vuoto per generarne una, che verrà mostrata una sola volta.
    }
admin-users-create-submit = Crea account
admin-users-name-invalid = Il nome dell'account può contenere solo lettere, cifre, «_», «-» e «.», al massimo 40 caratteri.
admin-users-display-name-invalid = Il nome visualizzato può avere al massimo 80 caratteri.
admin-users-password-too-short =
    { $min ->
        [one] La password deve contenere almeno { $min } carattere.
       *[other] La password deve contenere almeno { $min } caratteri.
    }
admin-users-password-too-long = La password è troppo lunga.
admin-users-name-taken = Esiste già un account di nome { $name }.
admin-users-bad-role = Scegli uno dei ruoli dell'elenco.
admin-users-self-disable = Non puoi disattivare il tuo stesso account.
admin-users-self-demote = Non puoi toglierti il ruolo di amministratore.

admin-created-title = Account creato
admin-created-intro = L'account { $name } è stato creato con questa password:
admin-created-once = Copiala ora e consegnala al titolare in modo sicuro: non verrà più mostrata.
admin-created-back = Torna agli account

admin-audit-title = Registro delle attività
admin-audit-col-time = Ora
admin-audit-col-who = Chi
admin-audit-col-action = Azione
admin-audit-col-target = Oggetto
admin-audit-col-changes = Modifiche
admin-audit-show-changes = Mostra le modifiche
admin-audit-before = Prima
admin-audit-after = Dopo
admin-audit-nothing = niente
admin-audit-empty = Non è stato ancora registrato nulla.
admin-audit-older = Voci precedenti
admin-audit-newest = Voci più recenti
admin-audit-bad-cursor = Questa pagina del registro non esiste. Ricomincia dalle voci più recenti.
admin-audit-actor-system = Riga di comando
admin-audit-actor-guest = Ospite
admin-action-user-create = Account creato
admin-action-user-set-role = Ruolo cambiato
admin-action-user-disable = Account disattivato
admin-action-user-enable = Account riattivato
admin-action-user-set-password = Password cambiata
admin-action-token-create = Token API creato
admin-action-token-revoke = Token API revocato
admin-action-thread-create = Diretta creata
admin-action-thread-edit = Diretta modificata
admin-action-update-post = Aggiornamento pubblicato
admin-action-update-edit = Aggiornamento modificato
admin-action-update-strike = Aggiornamento barrato
admin-action-comment-edit = Commento modificato
admin-action-comment-moderate = Commento moderato
admin-kind-user = account
admin-kind-token = token API
admin-kind-thread = diretta
admin-kind-update = aggiornamento
admin-kind-comment = commento
