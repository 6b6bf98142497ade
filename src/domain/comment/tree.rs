//! The reply tree readers see: visible comments nested under their parents.

use std::collections::HashMap;

use super::{Comment, CommentAuthor, CommentNode, CommentStatus};

/// Builds the reply tree of one page of top-level comments. `rows` holds the roots and all
/// their descendants in creation order; replies under a comment that is not visible are kept
/// under a placeholder so the conversation stays readable.
pub fn build_tree(rows: Vec<Comment>) -> Vec<CommentNode> {
    let mut children: HashMap<Option<String>, Vec<Comment>> = HashMap::new();
    for c in rows {
        children.entry(c.parent_id.clone()).or_default().push(c);
    }
    fn grow(
        c: Comment,
        children: &mut HashMap<Option<String>, Vec<Comment>>,
    ) -> Option<CommentNode> {
        let kids = children.remove(&Some(c.id.clone())).unwrap_or_default();
        let replies: Vec<CommentNode> =
            kids.into_iter().filter_map(|k| grow(k, children)).collect();
        if c.status == CommentStatus::Approved {
            Some(CommentNode {
                comment: c,
                replies,
            })
        } else if replies.is_empty() {
            None
        } else {
            Some(CommentNode {
                comment: placeholder(c),
                replies,
            })
        }
    }
    let roots = children.remove(&None).unwrap_or_default();
    roots
        .into_iter()
        .filter_map(|r| grow(r, &mut children))
        .collect()
}

/// What readers see of a removed comment that has visible replies.
fn placeholder(c: Comment) -> Comment {
    Comment {
        author: CommentAuthor {
            name: String::new(),
            guest: c.author.guest,
        },
        body: String::new(),
        body_html: String::new(),
        status: CommentStatus::Deleted,
        author_id: None,
        edited_at: None,
        ..c
    }
}
