//! Who may do what: one pure function of role, action and ownership.

use super::role::Role;

/// Everything a request may try to do that is not open to the whole world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    CreateThread,
    EditThread,
    PostUpdate,
    EditUpdate,
    StrikeUpdate,
    /// Posting a comment; whether a guest may depends on the thread as well.
    Comment,
    EditComment,
    FlagComment,
    ModerateComment,
    ViewModerationQueue,
    ViewAudit,
    ManageUsers,
    /// Adding a source to the registry (a reader submitting a report may need a new one).
    CreateSource,
    EditSource,
    /// Submitting a report; whether a guest may depends on the thread as well.
    SubmitReport,
    EditReport,
    StrikeReport,
    /// Setting a report confirmed, false or retracted.
    VerifyReport,
    ModerateReport,
    ManageIndicators,
    AddPlace,
    /// Writing and revising translation drafts, and asking an engine for a machine draft.
    Translate,
    /// Showing a translation to readers, or withdrawing it. For a translator, `Own` means the
    /// thread's editors trust them to publish on it.
    PublishTranslation,
    /// Choosing the translators who may publish on a thread.
    TrustTranslator,
}

impl Action {
    pub const ALL: [Action; 24] = [
        Action::CreateThread,
        Action::EditThread,
        Action::PostUpdate,
        Action::EditUpdate,
        Action::StrikeUpdate,
        Action::Comment,
        Action::EditComment,
        Action::FlagComment,
        Action::ModerateComment,
        Action::ViewModerationQueue,
        Action::ViewAudit,
        Action::ManageUsers,
        Action::CreateSource,
        Action::EditSource,
        Action::SubmitReport,
        Action::EditReport,
        Action::StrikeReport,
        Action::VerifyReport,
        Action::ModerateReport,
        Action::ManageIndicators,
        Action::AddPlace,
        Action::Translate,
        Action::PublishTranslation,
        Action::TrustTranslator,
    ];
}

/// Whether the target of the action belongs to the one acting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    Own,
    Others,
}

/// `role` is `None` for a guest (no account).
pub fn allowed(role: Option<Role>, action: Action, ownership: Ownership) -> bool {
    use Action::*;
    let Some(role) = role else {
        return matches!(action, Comment | FlagComment | SubmitReport);
    };
    match role {
        Role::Admin => true,
        Role::Editor => match action {
            CreateThread | EditThread | PostUpdate | EditUpdate | StrikeUpdate => true,
            CreateSource | EditSource | SubmitReport | EditReport | StrikeReport => true,
            ManageIndicators | AddPlace => true,
            Translate | PublishTranslation | TrustTranslator => true,
            Comment | FlagComment => true,
            EditComment => ownership == Ownership::Own,
            ModerateComment | ViewModerationQueue | ViewAudit | ManageUsers => false,
            VerifyReport | ModerateReport => false,
        },
        Role::Moderator => match action {
            Comment | FlagComment | ModerateComment | ViewModerationQueue => true,
            VerifyReport | ModerateReport | CreateSource | SubmitReport => true,
            EditComment => ownership == Ownership::Own,
            CreateThread | EditThread | PostUpdate | EditUpdate | StrikeUpdate => false,
            EditSource | EditReport | StrikeReport | ManageIndicators | AddPlace => false,
            ViewAudit | ManageUsers => false,
            Translate | PublishTranslation | TrustTranslator => false,
        },
        Role::Translator => match action {
            Comment | FlagComment | CreateSource | SubmitReport | Translate => true,
            PublishTranslation => ownership == Ownership::Own,
            EditComment => ownership == Ownership::Own,
            _ => false,
        },
        Role::Contributor => match action {
            Comment | FlagComment | CreateSource | SubmitReport => true,
            EditComment => ownership == Ownership::Own,
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Ownership::*;

    /// Rows: action; columns: guest, admin, editor, moderator, translator, contributor,
    /// first on one's own item, then on someone else's.
    const TABLE: [(Action, [bool; 6], [bool; 6]); 24] = [
        (
            CreateThread,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
        (
            EditThread,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
        (
            PostUpdate,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
        (
            EditUpdate,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
        (
            StrikeUpdate,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
        (
            Comment,
            [true, true, true, true, true, true],
            [true, true, true, true, true, true],
        ),
        (
            EditComment,
            [false, true, true, true, true, true],
            [false, true, false, false, false, false],
        ),
        (
            FlagComment,
            [true, true, true, true, true, true],
            [true, true, true, true, true, true],
        ),
        (
            ModerateComment,
            [false, true, false, true, false, false],
            [false, true, false, true, false, false],
        ),
        (
            ViewModerationQueue,
            [false, true, false, true, false, false],
            [false, true, false, true, false, false],
        ),
        (
            ViewAudit,
            [false, true, false, false, false, false],
            [false, true, false, false, false, false],
        ),
        (
            ManageUsers,
            [false, true, false, false, false, false],
            [false, true, false, false, false, false],
        ),
        (
            CreateSource,
            [false, true, true, true, true, true],
            [false, true, true, true, true, true],
        ),
        (
            EditSource,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
        (
            SubmitReport,
            [true, true, true, true, true, true],
            [true, true, true, true, true, true],
        ),
        (
            EditReport,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
        (
            StrikeReport,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
        (
            VerifyReport,
            [false, true, false, true, false, false],
            [false, true, false, true, false, false],
        ),
        (
            ModerateReport,
            [false, true, false, true, false, false],
            [false, true, false, true, false, false],
        ),
        (
            ManageIndicators,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
        (
            AddPlace,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
        (
            Translate,
            [false, true, true, false, true, false],
            [false, true, true, false, true, false],
        ),
        // For a translator, "own" is a thread whose editors trust them.
        (
            PublishTranslation,
            [false, true, true, false, true, false],
            [false, true, true, false, false, false],
        ),
        (
            TrustTranslator,
            [false, true, true, false, false, false],
            [false, true, true, false, false, false],
        ),
    ];

    fn roles() -> [Option<Role>; 6] {
        [
            None,
            Some(Role::Admin),
            Some(Role::Editor),
            Some(Role::Moderator),
            Some(Role::Translator),
            Some(Role::Contributor),
        ]
    }

    #[test]
    fn permission_table_covers_every_role_and_action() {
        assert_eq!(TABLE.len(), Action::ALL.len());
        for action in Action::ALL {
            let (_, own, others) = TABLE
                .iter()
                .find(|(a, _, _)| *a == action)
                .unwrap_or_else(|| panic!("{action:?} missing from the table"));
            for (i, role) in roles().into_iter().enumerate() {
                assert_eq!(
                    allowed(role, action, Own),
                    own[i],
                    "{role:?} {action:?} own"
                );
                assert_eq!(
                    allowed(role, action, Others),
                    others[i],
                    "{role:?} {action:?} others"
                );
            }
        }
    }

    #[test]
    fn only_admins_edit_other_peoples_comments() {
        for role in Role::ALL {
            assert_eq!(
                allowed(Some(role), EditComment, Others),
                role == Role::Admin
            );
        }
    }
}
