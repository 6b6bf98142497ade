//! Problems of a submitted form, each tied to its field, for the pages to show next to it.

/// Messages tied to form fields, in the reader's language: each is shown next to its field
/// (`e-<field>`) and the field points to it with `aria-describedby`.
#[derive(Debug, Default, Clone)]
pub struct Problems(Vec<(String, String)>);

impl Problems {
    /// The first problem of a field is the one shown.
    pub fn add(&mut self, field: impl Into<String>, message: String) {
        let field = field.into();
        if !self.has(&field) {
            self.0.push((field, message));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|(f, _)| f == field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn all(&self) -> &[(String, String)] {
        &self.0
    }

    /// The accessibility attributes of the input `id` showing `field`: invalid or not, and
    /// what describes it: its hint `<id>-hint` when `hint`, its error `<id>-error`. Ids and
    /// field names are the code's own, never typed by readers.
    pub fn aria(&self, id: &str, field: &str, hint: bool) -> String {
        let hint = hint.then(|| format!("{id}-hint"));
        self.described(id, field, hint.as_deref())
    }

    /// As `aria`, with a hint of another id (one hint shared by several fields).
    pub fn described(&self, id: &str, field: &str, hint: Option<&str>) -> String {
        let mut ids: Vec<String> = hint.map(str::to_owned).into_iter().collect();
        let invalid = self.has(field);
        if invalid {
            ids.push(format!("{id}-error"));
        }
        let mut out = String::new();
        if invalid {
            out.push_str(r#" aria-invalid="true""#);
        }
        if !ids.is_empty() {
            out.push_str(&format!(r#" aria-describedby="{}""#, ids.join(" ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_points_to_its_hint_and_error() {
        let mut p = Problems::default();
        assert_eq!(p.aria("f-name", "name", false), "");
        assert_eq!(
            p.aria("f-name", "name", true),
            r#" aria-describedby="f-name-hint""#
        );
        p.add("name", "Too long".into());
        p.add("name", "Second problem of the field".into());
        assert_eq!(p.get("name"), Some("Too long"), "the first one is shown");
        assert_eq!(p.all().len(), 1);
        assert_eq!(
            p.aria("f-name", "name", true),
            r#" aria-invalid="true" aria-describedby="f-name-hint f-name-error""#
        );
        assert_eq!(
            p.described("f-claim-0-name", "name", Some("claims-hint")),
            r#" aria-invalid="true" aria-describedby="claims-hint f-claim-0-name-error""#
        );
    }
}
