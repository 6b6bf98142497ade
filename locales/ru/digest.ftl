## Текстовая сводка обстановки (остальные её слова — board-digest-* в board.ftl).

digest-at-least = не менее { $count }
digest-bad-charset = Набор символов сводки — «gsm» или «unicode».
digest-bad-segments = Число SMS-сегментов — целое число от 1 до { $max }.
