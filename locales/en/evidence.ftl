# Evidence behind the board's figures, and claims superseded by later news.
evidence-reports = Reports:
evidence-according-to = according to
evidence-superseded-intro = No longer counted, overtaken by later news:
evidence-superseded-by-report = superseded by a later report
evidence-superseded-by-update = superseded by a later update
evidence-restated = replaced by the same source's later report
evidence-supersede-summary = Mark as superseded
evidence-supersede-label = Superseded by
evidence-supersede-hint = A later report or update that overtakes this claim. The claim stays visible, struck through, and no longer counts on the board.
evidence-supersede-none = Not superseded (counts on the board)
evidence-supersede-update = Update, { $time }: { $text }
evidence-supersede-report = Report from { $source }, { $time }
evidence-supersede-submit = Save
evidence-supersede-done = The claim's mark was saved.
