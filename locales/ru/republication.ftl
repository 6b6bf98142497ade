# Тред или обновление, перепечатанные из перевода: переводчик и издание, для которого сделан перевод.
republication-day-hint = только день
republication-translation-hint = Если вы перепечатываете перевод, укажите переводчика и издание, для которого он сделан; тогда [[…]] в тексте показываются как примечания переводчика.
republication-translator = Переводчик
republication-translator-url = Адрес переводчика
republication-translated-for = Перевод опубликован в издании
republication-translated-for-url = Адрес перевода
republication-translated-by = перевод: { $translator }
republication-translated-by-for = перевод: { $translator }, для издания { $publication }
