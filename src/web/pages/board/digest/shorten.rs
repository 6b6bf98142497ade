//! Text made shorter for the digest: a cut at a word with "...", a source's name in fewer
//! characters.

/// What marks a cut: plain dots, so that a cut never makes a message UCS-2.
const CUT: &str = "...";

/// `text` in at most `max` characters, cut at a word boundary when one is near, with "...".
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    if max <= CUT.len() {
        return String::new();
    }
    let cut: String = text.chars().take(max - CUT.len()).collect();
    let at_word = cut
        .rfind([' ', '\n', ',', ';'])
        .filter(|&i| cut[..i].chars().count() * 4 >= (max - CUT.len()) * 3)
        .map_or(cut.as_str(), |i| &cut[..i]);
    let kept = at_word.trim_end_matches([' ', ',', ';', '\n', '-', '(']);
    if kept.is_empty() {
        String::new()
    } else {
        format!("{kept}{CUT}")
    }
}

/// A source's name in at most `max` characters: whole words, the last one abbreviated with a
/// dot ("Ministry of Int."), or the part before a comma or bracket when that is short enough.
pub fn short_name(name: &str, max: usize) -> String {
    let name = name.trim();
    if name.chars().count() <= max {
        return name.to_owned();
    }
    if let Some(head) = name.split([',', '(']).next().map(str::trim)
        && head.chars().count() <= max
        && head.chars().count() >= 3
    {
        return head.to_owned();
    }
    let mut out = String::new();
    for word in name.split_whitespace() {
        let used = out.chars().count();
        let gap = usize::from(!out.is_empty());
        if used + gap + word.chars().count() <= max {
            if gap == 1 {
                out.push(' ');
            }
            out.push_str(word);
            continue;
        }
        // Room for at least two letters and the dot: the word abbreviated.
        let room = max.saturating_sub(used + gap);
        if room >= 3 {
            if gap == 1 {
                out.push(' ');
            }
            out.extend(word.chars().take(room - 1));
            out.push('.');
        }
        break;
    }
    // "Ministry of" says less than "Ministry": a cut never ends on a small word.
    while let Some((rest, last)) = out.rsplit_once(' ')
        && last.chars().count() <= 3
        && last.chars().all(char::is_lowercase)
    {
        out = rest.to_owned();
    }
    if out.is_empty() {
        out = name.chars().take(max.saturating_sub(1)).collect();
        out.push('.');
    }
    out
}
