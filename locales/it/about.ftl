## La pagina di informazioni.

about-title = Informazioni e crediti
about-link = Informazioni e crediti
about-intro = Cronaca ospita dirette su eventi in rapida evoluzione: aggiornamenti, segnalazioni attribuite, un quadro di ciò che è noto e di ciò che è contestato, e i commenti dei lettori.
about-privacy-title = Che cosa si conserva di chi contribuisce
about-privacy-email = Per commentare o inviare una segnalazione non serve un indirizzo e-mail.
about-privacy-addresses = Gli indirizzi dei client non sono mai conservati in chiaro: solo un hash con chiave, per i limiti di frequenza.
about-privacy-third-parties = Nessuna pagina fa richieste ad altri: niente caratteri, script, mappe o statistiche da altri siti.
about-credits-title = Crediti dei dati
about-credit-geonames = Nomi e coordinate delle città con almeno 15.000 abitanti:
about-credit-natural-earth = Confini dei paesi sulle mappe (pubblico dominio, 1:110m):
