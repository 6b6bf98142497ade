## The account page: who one is, and changing one's password.

account-title = Your account
account-name = Account name
account-display-name = Display name
account-role = Role
account-password-heading = Change your password
account-current-password = Current password
account-new-password = New password
account-new-password-hint =
    { $min ->
        [one] At least { $min } character.
       *[other] At least { $min } characters.
    }
account-repeat-password = Repeat the new password
account-password-submit = Change password
account-password-changed = Your password has been changed.
account-wrong-password = The current password is wrong.
account-password-too-short =
    { $min ->
        [one] The new password must be at least { $min } character long.
       *[other] The new password must be at least { $min } characters long.
    }
account-password-too-long = The new password is too long.
account-password-mismatch = The two new passwords do not match.
