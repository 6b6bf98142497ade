## The moderation queue.

moderation-title = Moderation queue
moderation-intro = Reports and comments waiting for review, and comments flagged by readers, across all threads, newest first.
moderation-empty = Nothing is waiting for review.
# { $key } is the key to press, shown as a keyboard key.
moderation-shortcuts-line = Keyboard shortcuts are available: press { $key } to list them.
moderation-help-title = Keyboard shortcuts
moderation-key-next = Next comment
moderation-key-previous = Previous comment
moderation-key-select = Select or unselect the current comment
moderation-key-approve = Approve the current comment
moderation-key-reject = Reject the current comment
moderation-key-spam = Mark the current comment as spam
moderation-key-delete = Delete the current comment
moderation-key-help = Show or hide this list
moderation-key-typing = Shortcuts do nothing while you type in a field.
moderation-guest = guest
moderation-status-pending = Pending
moderation-flagged =
    { $count ->
        [one] Flagged once
       *[other] Flagged { $count } times
    }
moderation-flag-reasons = Reasons given by readers:
moderation-taken = Being reviewed by { $name }
moderation-select = Select
moderation-note = Note (optional)
moderation-approve = Approve
moderation-reject = Reject
moderation-spam = Spam
moderation-delete = Delete
moderation-bulk-legend = Selected comments
moderation-bulk-note = Note for the selected comments (optional)
moderation-bulk-approve = Approve selected
moderation-bulk-reject = Reject selected
moderation-bulk-spam = Mark selected as spam
moderation-bulk-delete = Delete selected
moderation-done-approve = Comment approved.
moderation-done-reject = Comment rejected.
moderation-done-spam = Comment marked as spam.
moderation-done-delete = Comment deleted.
moderation-bulk-done-approve =
    { $count ->
        [one] { $count } comment approved.
       *[other] { $count } comments approved.
    }
moderation-bulk-done-reject =
    { $count ->
        [one] { $count } comment rejected.
       *[other] { $count } comments rejected.
    }
moderation-bulk-done-spam =
    { $count ->
        [one] { $count } comment marked as spam.
       *[other] { $count } comments marked as spam.
    }
moderation-bulk-done-delete =
    { $count ->
        [one] { $count } comment deleted.
       *[other] { $count } comments deleted.
    }
moderation-error-action = Choose what to do: approve, reject, spam or delete.
moderation-error-no-selection = Select at least one comment first. Nothing was changed.
moderation-error-too-many =
    { $count ->
        [one] Select at most { $count } comment at a time. Nothing was changed.
       *[other] Select at most { $count } comments at a time. Nothing was changed.
    }
moderation-error-gone = One of the selected comments no longer exists. Nothing was changed; reload the queue.
moderation-pages = Queue pages
moderation-older = Older
moderation-newest = Back to the newest

moderation-reports-title =
    { $count ->
        [one] { $count } submitted report
       *[other] { $count } submitted reports
    }
moderation-comments-title = Comments
moderation-report-source = Source: { $source }
moderation-report-cites = citing { $source }
moderation-report-link = Source link
moderation-report-places = Places:
moderation-report-publish = Publish
moderation-report-done-approve = Report published.
moderation-report-done-reject = Report rejected.
moderation-report-done-spam = Report marked as spam.
moderation-report-done-delete = Report deleted.
moderation-empty-comments = No comment is waiting for review.
