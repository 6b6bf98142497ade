# Un thread o un aggiornamento ripubblicato da una traduzione: chi l'ha tradotto e per quale testata.
republication-day-hint = solo il giorno
republication-translation-hint = Se ciò che ripubblichi è una traduzione, indica chi l'ha tradotto e la testata per cui è stata fatta; le sue [[…]] vengono allora mostrate come note del traduttore.
republication-translator = Tradotto da
republication-translator-url = Indirizzo del traduttore
republication-translated-for = Traduzione pubblicata da
republication-translated-for-url = Indirizzo della traduzione
republication-translated-by = tradotto da { $translator }
republication-translated-by-for = tradotto da { $translator } per { $publication }
