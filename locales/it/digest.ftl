## Il riassunto in testo della situazione (le altre parole sono board-digest-* in board.ftl).

digest-at-least = almeno { $count }
digest-bad-charset = Il set di caratteri di un riassunto è "gsm" oppure "unicode".
digest-bad-segments = Il numero di segmenti SMS è un numero intero da 1 a { $max }.
