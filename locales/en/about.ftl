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
about-digest-title = Text digest for SMS and chats
about-digest-intro = Every thread's board is also one plain-text message: add /digest.txt to the thread's address (the board page links to it). Each figure names its sources; disputed figures are the last thing left out when room runs short.
about-digest-budget = It costs at most 3 SMS segments; add ?segments= with a number from 1 to 10 for another budget. The SMS-Segments and SMS-Encoding headers say what it costs.
about-digest-charset = Its own punctuation is in the GSM-7 alphabet, so a digest in a Latin script costs GSM-7 segments (160 characters, 153 each when several); a name or label in another script makes it UCS-2 (70, or 67 each). With ?charset=gsm it is written in GSM-7 characters only, other scripts transliterated.
about-digest-link = It ends with the thread's full address when the site has a public address, and with no link otherwise.
