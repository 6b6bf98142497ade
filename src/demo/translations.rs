//! The demo thread in Italian and Russian: partner translations, credited, with translator's
//! notes, and one left stale by a later edit of its original.

use crate::domain::thread::Thread;
use crate::domain::translation::{ItemKind, TranslationInput};
use crate::domain::update::NewUpdate;
use crate::domain::user::Actor;
use crate::store::{Store, TranslationTarget};

pub struct Translators<'a> {
    pub editor: &'a Actor,
    /// Trusted on the thread: publishes her own translations.
    pub italian: &'a Actor,
    /// Not trusted: the editor publishes hers.
    pub russian: &'a Actor,
}

struct Credit {
    translator: &'static str,
    publication: &'static str,
    url: &'static str,
}

const ITALIAN: Credit = Credit {
    translator: "Giulia Ferri",
    publication: "Cronache di Valdoria (fictional)",
    url: "https://it.example.org/valdoria",
};

const RUSSIAN: Credit = Credit {
    translator: "Ирина Котова",
    publication: "Вальдорийский вестник (вымышленный)",
    url: "https://ru.example.org/valdoria",
};

const TITLE_IT: &str = "ESERCITAZIONE — Disordini a Valdoria (thread dimostrativo fittizio)";
const LEAD_IT: &str = "**Questa è un'esercitazione fittizia.** Valdoria, le sue città e ogni \
persona, fonte e cifra di questo thread sono inventate, per mostrare come Cronaca segue un evento \
in rapido sviluppo.\n\n\
Le proteste contro il prezzo del carburante nella (fittizia) Repubblica insulare di Valdoria si \
sono trasformate in disordini durante la notte. Condividete qui sotto informazioni e commenti \
[[l'originale dice \"decent information\": informazioni verificabili]]; i moderatori esaminano \
prima i commenti degli ospiti.";

const TITLE_RU: &str = "УЧЕНИЯ — Беспорядки в Вальдории (вымышленная демонстрационная тема)";
const LEAD_RU: &str = "**Это вымышленные учения.** Вальдория, её города и все люди, источники и \
цифры в этой теме придуманы, чтобы показать, как Cronaca освещает быстро развивающиеся события.\n\n\
Протесты против цен на топливо в (вымышленной) островной Республике Вальдория за ночь переросли \
в беспорядки. Делитесь проверяемой информацией и комментариями ниже; комментарии гостей \
модераторы проверяют заранее.";

/// `(update index, Italian, Russian)`; an empty text is not translated.
const UPDATES: [(usize, &str, &str); 6] = [
    (
        0,
        "La folla si raduna nella piazza centrale di **Port Aster** [[nome inglese della \
         capitale, lasciato com'è]], la capitale, per la seconda notte.",
        "Толпы собираются на центральной площади **Порт-Астера**, столицы, вторую ночь подряд.",
    ),
    (
        1,
        "Il ministero dell'Interno definisce la protesta \"non autorizzata\" e chiede ai \
         residenti di restare a casa.",
        "",
    ),
    (
        3,
        "La televisione di Stato riferisce di 3 agenti feriti. Ancora nessuna conferma \
         indipendente [[in inglese \"independent confirmation\": da una fonte non legata al \
         governo]].",
        "Государственное телевидение сообщает о 3 раненых полицейских. Независимого \
         подтверждения пока нет [[т. е. из источника, не связанного с властями]].",
    ),
    (
        5,
        "Il presidente parlerà alla nazione alle 21:00 ora locale, fa sapere il suo ufficio.",
        "",
    ),
    (
        8,
        "Il presidente annuncia il congelamento per 30 giorni dei prezzi del carburante e lo \
         scioglimento del governo [[\"dismissal of the cabinet\": il consiglio dei ministri]].",
        "Президент объявил о 30-дневной заморозке цен на топливо и отставке кабинета министров.",
    ),
    (
        9,
        "La folla a Port Aster si dirada dopo il discorso; un gruppo più piccolo resta in \
         piazza.",
        "",
    ),
];

/// The update whose original is edited after its Italian translation was published.
const STALE: usize = 9;
const STALE_EDIT: &str = "Crowds in Port Aster thin out after the speech; a smaller group of \
about two hundred people stays in the square, readers say.";

fn input(credit: &Credit, title: Option<&str>, body: &str) -> TranslationInput {
    TranslationInput {
        title: title.map(Into::into),
        body: body.into(),
        translator: Some(credit.translator.into()),
        translator_url: None,
        publication: Some(credit.publication.into()),
        publication_url: Some(credit.url.into()),
        source_revision: None,
    }
}

async fn publish(
    store: &dyn Store,
    author: &Actor,
    publisher: &Actor,
    kind: ItemKind,
    item_id: &str,
    language: &str,
    text: TranslationInput,
) -> anyhow::Result<()> {
    let target = TranslationTarget {
        kind,
        item_id: item_id.to_owned(),
        language: crate::domain::language::LanguageTag::parse(language)?,
    };
    let draft = text.validate(kind)?;
    let made = store.create_translation(author, target, draft).await?.item;
    store
        .publish_translation(publisher, &made.id, made.latest.revision)
        .await?;
    Ok(())
}

pub async fn fill(
    store: &dyn Store,
    thread: &Thread,
    updates: &[String],
    cast: &Translators<'_>,
) -> anyhow::Result<()> {
    if let Actor::User(giulia) = cast.italian {
        store
            .set_trusted_translator(cast.editor, &thread.id, &giulia.name, true)
            .await?;
    }
    let (it, ru) = (cast.italian, cast.russian);
    let thread_it = input(&ITALIAN, Some(TITLE_IT), LEAD_IT);
    publish(store, it, it, ItemKind::Thread, &thread.id, "it", thread_it).await?;
    let thread_ru = input(&RUSSIAN, Some(TITLE_RU), LEAD_RU);
    publish(
        store,
        ru,
        cast.editor,
        ItemKind::Thread,
        &thread.id,
        "ru",
        thread_ru,
    )
    .await?;
    for (index, italian, russian) in UPDATES {
        let Some(id) = updates.get(index) else {
            continue;
        };
        if !italian.is_empty() {
            let text = input(&ITALIAN, None, italian);
            publish(store, it, it, ItemKind::Update, id, "it", text).await?;
        }
        if !russian.is_empty() {
            let text = input(&RUSSIAN, None, russian);
            publish(store, ru, cast.editor, ItemKind::Update, id, "ru", text).await?;
        }
    }
    // The original moves on after its translation: the Italian reader sees it marked stale.
    if let Some(id) = updates.get(STALE) {
        let text = NewUpdate {
            body: STALE_EDIT.into(),
            language: None,
            provenance: None,
        }
        .validate()?;
        store.edit_update(cast.editor, id, text).await?;
    }
    Ok(())
}
