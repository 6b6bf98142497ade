## The plain-text digest of the board (board-digest-* in board.ftl are its other words).

digest-at-least = at least { $count }
digest-bad-charset = The character set of a digest is "gsm" or "unicode".
digest-bad-segments = The number of SMS segments is a whole number from 1 to { $max }.
