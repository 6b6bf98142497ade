# I commenti del lettore in attesa di un moderatore, mostrati solo al browser che li ha inviati.
comments-yours-waiting = { $count ->
    [one] Il tuo commento in attesa di un moderatore
   *[other] I tuoi commenti in attesa di un moderatore
}
comments-only-you = Questo elenco lo vedi solo tu. Quando un moderatore approva un commento, tutti lo vedono insieme agli altri.
comments-waiting-badge = in attesa di un moderatore
