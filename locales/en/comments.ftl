# Your own comments that wait for a moderator, shown only to the browser that sent them.
comments-yours-waiting = { $count ->
    [one] Your comment waiting for a moderator
   *[other] Your comments waiting for a moderator
}
comments-only-you = Only you can see this list. Once a moderator approves a comment, everyone sees it among the others.
comments-waiting-badge = waiting for a moderator
