## The situation board page, the thread's summary box, reports in the timeline, the digest.

board-title = Situation board
board-summary-title = Situation
board-full-board = Full board, chart and map
board-as-of = As of { $when }
board-as-of-ago = Updated { $ago }
board-no-reports = No report carries figures yet.
board-no-indicators = The editors have not yet said what this board tracks.
board-no-value = No report yet.
board-digest = Text digest
board-agreement-disputed = Disputed
board-agreement-corroborated = Corroborated
board-agreement-single = Single source
board-independent-sources =
    { $count ->
        [one] { $count } independent source
       *[other] { $count } independent sources
    }
board-places-count =
    { $count ->
        [one] { $count } place
       *[other] { $count } places
    }
board-competing = Sources disagree. The values side by side, newest first:
board-versus = against
board-chart-title = { $indicator } over time, one line per independent source
board-chart-table = The same figures as a table
board-no-data = No figures yet
board-col-time = Time
board-col-source = Source
board-col-sources = Sources
board-col-value = Value
board-col-place = Place
board-col-reports = Reports
board-reports-link = Reports
board-places = Places
board-places-caption = Every place named in reports, with its status
board-map-title = Places by { $indicator }
board-map-title-plain = Places named in reports
board-map-caption = The table below says the same in words.
board-no-status = no status reported
board-reports-about = Reports about { $place }.
board-show-everything = Show all updates and reports
board-kind-official = official
board-kind-state_media = state media
board-kind-independent_media = independent media
board-kind-agency = news agency
board-kind-ngo = NGO
board-kind-international_org = international organization
board-kind-media = media (unspecified)
board-kind-aggregated = several sources together
board-kind-social_channel = social media channel
board-kind-eyewitness = eyewitness
board-kind-anonymous = anonymous
board-kind-other = other
board-verification-unverified = Unverified
board-verification-corroborated = Corroborated
board-verification-disputed = Disputed
board-verification-confirmed = Confirmed
board-verification-false = False
board-verification-retracted = Retracted
board-report = Report
board-report-from = From
board-report-citing = citing
board-report-stated = Stated
board-report-occurred = happened { $when }
board-report-occurred-ago = happened { $ago }
board-report-received = received { $when }
board-report-received-ago = received { $ago }
board-report-places = Places:
board-report-link = Source link
board-tick-datetime = { $day } { $month } { $time }
board-tick-date = { $day } { $month }
board-month-1 = Jan
board-month-2 = Feb
board-month-3 = Mar
board-month-4 = Apr
board-month-5 = May
board-month-6 = Jun
board-month-7 = Jul
board-month-8 = Aug
board-month-9 = Sep
board-month-10 = Oct
board-month-11 = Nov
board-month-12 = Dec
board-digest-as-of = as of { $time }
board-digest-disputed-by =
    disputed: { $names } { $count ->
        [one] says
       *[other] say
    } { $value }
board-digest-disputed = disputed
board-digest-more =
    { $count ->
        [one] +{ $count } more indicator
       *[other] +{ $count } more indicators
    }
board-digest-no-figures = no figures yet
board-report-received-head = Received
board-report-stated-when = stated { $when }
board-report-stated-when-ago = stated { $ago }
