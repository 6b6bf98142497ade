## Administration: accounts and the audit log.

admin-role-admin = Administrator
admin-role-editor = Editor
admin-role-moderator = Moderator
admin-role-translator = Translator
admin-role-contributor = Contributor

admin-users-title = Accounts
admin-users-count =
    { $count ->
        [one] { $count } account
       *[other] { $count } accounts
    }
admin-users-col-name = Account name
admin-users-col-display-name = Display name
admin-users-col-role = Role
admin-users-col-status = Status
admin-users-col-created = Created
admin-users-col-actions = Actions
admin-users-active = Active
admin-users-disabled = Disabled
admin-users-you = you
admin-users-role-for = Role of { $name }
admin-users-change-role = Change role
admin-users-disable = Disable
admin-users-enable = Enable
admin-users-saved = The changes to { $name } were saved.
admin-users-created = The account { $name } was created.
admin-users-create-heading = New account
admin-users-new-name = Account name
admin-users-new-name-hint = Letters, digits, “_”, “-” and “.” only; at most 40 characters. Used to log in.
admin-users-new-display-name = Display name
admin-users-new-display-name-hint = Shown next to what they write. Leave empty to use the account name.
admin-users-new-role = Role
admin-users-new-password = Password
admin-users-new-password-hint =
    { $min ->
        [one] At least { $min } character. Leave empty to generate one, shown once.
       *[other] At least { $min } characters. Leave empty to generate one, shown once.
    }
admin-users-create-submit = Create account
admin-users-name-invalid = The account name may only contain letters, digits, “_”, “-” and “.”, and at most 40 characters.
admin-users-display-name-invalid = The display name may have at most 80 characters.
admin-users-password-too-short =
    { $min ->
        [one] The password must be at least { $min } character long.
       *[other] The password must be at least { $min } characters long.
    }
admin-users-password-too-long = The password is too long.
admin-users-name-taken = An account named { $name } already exists.
admin-users-bad-role = Choose one of the roles in the list.
admin-users-self-disable = You cannot disable your own account.
admin-users-self-demote = You cannot remove your own administrator role.

admin-created-title = Account created
admin-created-intro = The account { $name } was created with this password:
admin-created-once = Copy it now and hand it to its owner safely: it will not be shown again.
admin-created-back = Back to the accounts

admin-audit-title = Audit log
admin-audit-col-time = Time
admin-audit-col-who = Who
admin-audit-col-action = Action
admin-audit-col-target = Target
admin-audit-col-changes = Changes
admin-audit-show-changes = Show the changes
admin-audit-before = Before
admin-audit-after = After
admin-audit-nothing = nothing
admin-audit-empty = Nothing has been recorded yet.
admin-audit-older = Older entries
admin-audit-newest = Newest entries
admin-audit-bad-cursor = This page of the log does not exist. Start again from the newest entries.
admin-audit-actor-system = Command line
admin-audit-actor-guest = Guest
admin-action-user-create = Account created
admin-action-user-set-role = Role changed
admin-action-user-disable = Account disabled
admin-action-user-enable = Account enabled
admin-action-user-set-password = Password changed
admin-action-token-create = API token created
admin-action-token-revoke = API token revoked
admin-action-thread-create = Thread created
admin-action-thread-edit = Thread edited
admin-action-update-post = Update posted
admin-action-update-edit = Update edited
admin-action-update-strike = Update struck
admin-action-comment-edit = Comment edited
admin-action-comment-moderate = Comment moderated
admin-kind-user = account
admin-kind-token = API token
admin-kind-thread = thread
admin-kind-update = update
admin-kind-comment = comment
