# A thread or update republished from a translation: its translator and the publication it was made for.
republication-day-hint = the day only
republication-translation-hint = When what you republish is a translation, name its translator and the publication it was made for; its [[…]] are then shown as the translator's notes.
republication-translator = Translated by
republication-translator-url = Translator's address
republication-translated-for = Translation published by
republication-translated-for-url = Address of the translation
republication-translated-by = translated by { $translator }
republication-translated-by-for = translated by { $translator } for { $publication }
