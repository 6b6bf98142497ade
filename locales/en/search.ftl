## The search page.

nav-search = Search
search-title = Search
search-title-for = Search: { $query }
search-label = Words to find
search-button = Search
search-hint = Threads, updates, reports and comments. Capitals and accents do not matter; the last word may be just its beginning.
search-nothing = Nothing found. Try fewer or shorter words.
search-too-long = The search is too long: use at most 200 characters.
search-kind-thread = Thread
search-kind-update = Update
search-kind-report = Report
search-kind-comment = Comment
search-pages = Result pages
search-previous = Previous results
search-next = More results
