home-title = Dirette
home-no-open = Nessuna diretta aperta in questo momento.
home-last-update = Ultimo aggiornamento: { $when }
home-last-update-ago = Ultimo aggiornamento { $ago }
home-closed = Dirette chiuse
feed-all-title = Tutte le dirette
