## Translating a thread's content, and machine translation for readers.

translate-lang-ar = Arabic
translate-lang-ca = Catalan
translate-lang-de = German
translate-lang-en = English
translate-lang-es = Spanish
translate-lang-fr = French
translate-lang-he = Hebrew
translate-lang-it = Italian
translate-lang-ja = Japanese
translate-lang-kk = Kazakh
translate-lang-pl = Polish
translate-lang-pt = Portuguese
translate-lang-ru = Russian
translate-lang-tr = Turkish
translate-lang-uk = Ukrainian
translate-lang-zh = Chinese

translate-kind-thread = Title and lead
translate-kind-update = Update
translate-kind-report = Report
translate-kind-indicator = Indicator label

translate-overview-title = Translations
translate-overview-intro = Every item of this thread and its translation into each language. Translations are drafts until they are published; readers see only published ones.
translate-overview-empty = Nothing is translated yet. Choose a language to start.
translate-may-publish = You may publish translations on this thread.
translate-may-not-publish = An editor of this thread publishes translations: save your work as a draft.
translate-add-language = Translate into
translate-add-language-hint = A language tag such as es, pt-BR or sr-Latn. Suggested:
translate-add-language-button = Show this language
translate-add-error = This is not a language tag. Write one such as es, pt-BR or sr-Latn.
translate-add-error-same = The thread is written in this language already.
translate-table-caption = Translations by item and language
translate-col-item = Item
translate-status-original = Original language
translate-status-none = Not translated
translate-status-draft = Draft
translate-status-published = Published
translate-status-published-draft = Published, newer draft waiting
translate-status-stale = Original changed since
translate-machine-made = Machine-made by { $engine }
translate-link-start = Translate { $item } into { $language }
translate-link-edit = Edit { $item } in { $language }
translate-link-start-short = Translate
translate-link-edit-short = Edit

translate-trusted-title = Trusted translators
translate-trusted-intro = Translators trusted on this thread may publish their translations without an editor.
translate-trusted-none = No translator is trusted on this thread yet.
translate-trust-remove = Stop trusting { $name }
translate-trust-name = Account name of a translator
translate-trust-hint = The name the translator logs in with.
translate-trust-add = Trust this translator
translate-trust-added = The translator may now publish on this thread.
translate-trust-removed = The translator may no longer publish on this thread.
translate-trust-error-empty = Write the account name of a translator.
translate-trust-error-unknown = There is no active account named “{ $name }”.
translate-trust-error-role = { $name } is not a translator. Only accounts with the translator role can be trusted.

translate-editor-title = Translation into { $language }
translate-published-revision = Revision { $number } is published
translate-stale = The original was updated after this translation.
translate-stale-detail = This translation was made from revision { $from } of the original, which is now at revision { $now }.
translate-stale-changes = See what changed in the original
translate-stale-readers = Readers see the published translation marked as out of date until a new revision is published.
translate-original-then = The original as it was at revision { $number }
translate-original = Original
translate-original-revision = revision { $number }
translate-original-link = where readers see it
translate-yours = Your translation
translate-field-title = Title
translate-field-label = Label
translate-field-lead = Lead
translate-field-body = Text
translate-body-hint = Markdown, as in the original.
translate-notes-hint = Put your own notes in double square brackets, [[like this]]: readers see them set apart as the translator's. To write two brackets as they are, type \[[.
translate-credit-legend = Credit
translate-field-translator = Translator
translate-translator-hint = As readers will see it. If left empty: the translator of the revision before, or your display name.
translate-field-translator-url = Translator's web address (optional)
translate-field-publication = Publication (optional)
translate-publication-hint = The site or paper this translation is made for.
translate-field-publication-url = Publication's web address (optional)
translate-preview-title = Preview
translate-save = Save draft
translate-preview = Preview
translate-save-hint = Saving keeps every earlier revision. What readers see changes only when a revision is published.
translate-machine-button = Machine draft ({ $engine })
translate-machine-hint = { $engine } translates the original and the result is saved as a new draft revision, marked as machine-made until a person edits and saves it. Text typed above and not saved is lost.
translate-publish = Publish revision { $number }
translate-withdraw = Withdraw
translate-withdraw-hint = Readers stop seeing this translation; its revisions are kept.
translate-revisions = Revisions
translate-revision = Revision { $number }
translate-revision-by = saved by { $name }
translate-revision-credit = credited to { $name }
translate-revision-source = from revision { $number } of the original
translate-revision-published = Published
translate-revision-text = Text

translate-done-saved = Draft saved.
translate-done-machine = Machine draft saved. Check it and edit it before it is published.
translate-done-published = Published: readers now see this revision.
translate-done-withdrawn = Withdrawn: readers no longer see this translation.

translate-error-same-language = This item is already written in { $language }.
translate-error-title = Write the translated title, up to 300 characters.
translate-error-label = Write the translated label on one line, up to 200 characters.
translate-error-body = Write the translated text, up to 20,000 characters; each note at most 1,000.
translate-error-credit = Give a name, up to 200 characters, with its web address.
translate-error-url = Write a full web address starting with http:// or https://.
translate-error-source-revision = The original changed while you were translating. Reload the page and save again.
translate-conflict-exists = Someone started this translation meanwhile. Reload the page to see it.
translate-conflict-outdated = A newer revision was saved meanwhile. Reload the page to see it before publishing.
translate-conflict-published = This revision is already published.
translate-conflict-not-published = This translation is not published.

translate-mt-title = Machine translation
translate-mt-original = Original ({ $language })
translate-mt-translation = Translation
translate-mt-by = Machine translation by { $engine }
translate-mt-disclaimer = Made by a machine, not by a person: it may be wrong.
translate-mt-back = Back to the thread
translate-mt-off = Machine translation is not set up on this site.
translate-mt-bad-language = The language asked for is not a language tag.
translate-mt-same-language = This text is already in { $language }.
translate-mt-too-many = Too many translations asked for at once. Wait a minute and try again.
translate-mt-unavailable = The machine translation engine ({ $engine }) is not answering; try again later.
translate-mt-unsupported = { $engine } cannot translate from { $from } into { $to }.
translate-mt-failed = { $engine } could not translate this text.

# Translations waiting for publication: counts on the home and thread pages, and where a draft stands.
translate-waiting-count = { $count ->
    [one] { $count } translation waits for publication
   *[other] { $count } translations wait for publication
}
translate-waiting-yours = { $count ->
    [one] { $count } of your translations waits for an editor's publication
   *[other] { $count } of your translations wait for an editor's publication
}
translate-standing-published = Revision { $revision } is published: readers see it.
translate-standing-waiting = Revision { $revision } waits for an editor's publication.
translate-standing-yours-to-publish = Revision { $revision } is not published yet: publish it when it is ready.
translate-standing-machine = Revision { $revision } is an engine's draft: read and save it before it can be published.
translate-standing-readers-see = Until then readers see revision { $revision }.
translate-standing-readers-original = Until then readers see the original.
