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
about-digest-title = Riassunto in testo per SMS e chat
about-digest-intro = La situazione di ogni diretta è anche un unico messaggio di testo semplice: aggiungi /digest.txt all'indirizzo della diretta (la pagina della situazione vi rimanda). Ogni dato indica le sue fonti; quando manca spazio, i dati contestati sono gli ultimi a essere tolti.
about-digest-budget = Costa al massimo 3 segmenti SMS; aggiungi ?segments= con un numero da 1 a 10 per un altro limite. Le intestazioni SMS-Segments e SMS-Encoding dicono quanto costa.
about-digest-charset = La sua punteggiatura è nell'alfabeto GSM-7, quindi un riassunto in caratteri latini costa segmenti GSM-7 (160 caratteri, 153 ciascuno se sono più di uno); un nome o un'etichetta in un'altra scrittura lo rende UCS-2 (70, o 67 ciascuno). Con ?charset=gsm è scritto solo con caratteri GSM-7 e le altre scritture sono traslitterate.
about-digest-link = Termina con l'indirizzo completo della diretta quando il sito ha un indirizzo pubblico, altrimenti senza link.
