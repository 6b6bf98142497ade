## The about page.

about-title = About and credits
about-link = About and credits
about-intro = Cronaca keeps live threads on fast-moving events: updates, attributed reports, a board of what is known and disputed, and readers' comments.
about-privacy-title = What is kept about contributors
about-privacy-email = No e-mail address is needed to comment or to submit a report.
about-privacy-addresses = Client addresses are never stored in clear: only a keyed hash, for rate limits.
about-privacy-third-parties = No page makes requests to anyone else: no fonts, scripts, maps or statistics from other sites.
about-credits-title = Data credits
about-credit-geonames = Place names and coordinates of cities of 15,000 people or more:
about-credit-natural-earth = Country outlines on maps (public domain, 1:110m):
