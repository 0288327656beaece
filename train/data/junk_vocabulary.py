"""Page-chrome vocabulary for composed training documents, kept as data.

Composed documents (``train.data.compose``) surround clean articles with the junk a
naive scraper picks up: menus, share buttons, bylines, advertisement markers,
"also read" lists and footers. This module is the word list behind that junk,
grouped by concept and by language, so adding a phrase or a language never
means touching the composing code. Every phrase here is generic page chrome
written for this project; nothing is taken from the shared corpora.

German gets the most entries after English because most non-English pages the
filter meets are German; French, Spanish, Italian, Polish, Dutch and
Portuguese follow. Templates use ``{n}`` for a number, ``{date}`` for a date
and ``{site}`` for the site name.
"""
from __future__ import annotations

Lexicon = dict[str, tuple[str, ...]]

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "pl", "nl", "pt")

# How often a synthetic site uses each language for its chrome.
LANGUAGE_WEIGHTS: dict[str, float] = {
    "en": 0.50, "de": 0.18, "fr": 0.07, "es": 0.06, "it": 0.05, "pl": 0.05, "nl": 0.05, "pt": 0.04,
}

# Menu entries naming news sections.
SECTIONS: Lexicon = {
    "en": ("News", "World", "UK", "US", "Europe", "Politics", "Business", "Money", "Markets", "Economy",
           "Tech", "Science", "Health", "Sport", "Football", "Cricket", "Tennis", "Rugby", "Formula 1",
           "Culture", "Arts", "Entertainment", "Music", "Film", "TV", "Books", "Lifestyle", "Travel",
           "Food", "Style", "Opinion", "Analysis", "Education", "Environment", "Climate", "Weather",
           "Local", "Motoring", "Property", "Jobs", "Obituaries", "Puzzles", "Crosswords", "Video",
           "Photos", "Podcasts", "Live", "Features", "Investigations", "Fact Check"),
    "de": ("Nachrichten", "Politik", "Deutschland", "Ausland", "Welt", "Wirtschaft", "Finanzen", "Börse",
           "Sport", "Fußball", "Bundesliga", "Kultur", "Wissen", "Gesundheit", "Digital", "Technik",
           "Panorama", "Reise", "Auto", "Mobilität", "Leben", "Stil", "Meinung", "Kommentar", "Regional",
           "Lokales", "Wetter", "Karriere", "Immobilien", "Video", "Bilder", "Podcasts", "Rätsel",
           "Familie", "Gesellschaft", "Wissenschaft", "Klima", "Unterhaltung"),
    "fr": ("Actualités", "International", "France", "Politique", "Économie", "Société", "Sport",
           "Culture", "Sciences", "Santé", "Planète", "Tech", "Idées", "Opinions", "Vidéos", "Météo",
           "Régions", "Éducation", "Voyage", "Cinéma", "Musique", "Livres", "Mode", "Emploi"),
    "es": ("Noticias", "Internacional", "España", "Política", "Economía", "Sociedad", "Deportes",
           "Fútbol", "Cultura", "Ciencia", "Salud", "Tecnología", "Opinión", "Vídeos", "Tiempo",
           "Local", "Viajes", "Gente", "Televisión", "Motor", "Educación", "Empleo"),
    "it": ("Notizie", "Cronaca", "Politica", "Esteri", "Economia", "Sport", "Calcio", "Cultura",
           "Spettacoli", "Scienze", "Salute", "Tecnologia", "Motori", "Viaggi", "Opinioni", "Video",
           "Foto", "Meteo", "Cucina", "Moda", "Lavoro"),
    "pl": ("Wiadomości", "Kraj", "Świat", "Polityka", "Biznes", "Gospodarka", "Sport", "Piłka nożna",
           "Kultura", "Nauka", "Zdrowie", "Technologie", "Motoryzacja", "Opinie", "Wideo", "Pogoda",
           "Regiony", "Podróże", "Styl życia", "Rozrywka", "Praca"),
    "nl": ("Nieuws", "Binnenland", "Buitenland", "Politiek", "Economie", "Sport", "Voetbal", "Cultuur",
           "Media", "Wetenschap", "Gezondheid", "Tech", "Opinie", "Video", "Weer", "Regio", "Reizen",
           "Wonen", "Auto", "Werk", "Achtergrond"),
    "pt": ("Notícias", "Mundo", "País", "Política", "Economia", "Desporto", "Esportes", "Futebol",
           "Cultura", "Ciência", "Saúde", "Tecnologia", "Opinião", "Vídeos", "Tempo", "Local",
           "Viagens", "Educação", "Emprego", "Entretenimento"),
}

# Section labels for the article categories of the clean corpus.
CATEGORY_SECTIONS: dict[str, Lexicon] = {
    "business": {"en": ("Business", "Economy", "Money", "Markets"), "de": ("Wirtschaft", "Finanzen"),
                 "fr": ("Économie", "Entreprises"), "es": ("Economía", "Empresas"),
                 "it": ("Economia", "Finanza"), "pl": ("Biznes", "Gospodarka"),
                 "nl": ("Economie", "Financiën"), "pt": ("Economia", "Negócios")},
    "entertainment": {"en": ("Entertainment", "Culture", "Arts", "Showbiz"), "de": ("Kultur", "Unterhaltung"),
                      "fr": ("Culture", "Divertissement"), "es": ("Cultura", "Espectáculos"),
                      "it": ("Spettacoli", "Cultura"), "pl": ("Kultura", "Rozrywka"),
                      "nl": ("Cultuur", "Entertainment"), "pt": ("Cultura", "Entretenimento")},
    "politics": {"en": ("Politics", "UK Politics", "Government", "Election"), "de": ("Politik", "Inland"),
                 "fr": ("Politique",), "es": ("Política",), "it": ("Politica",), "pl": ("Polityka", "Kraj"),
                 "nl": ("Politiek", "Binnenland"), "pt": ("Política",)},
    "sport": {"en": ("Sport", "Sports", "Football", "Tennis", "Rugby", "Athletics"), "de": ("Sport", "Fußball"),
              "fr": ("Sport", "Football"), "es": ("Deportes", "Fútbol"), "it": ("Sport", "Calcio"),
              "pl": ("Sport", "Piłka nożna"), "nl": ("Sport", "Voetbal"), "pt": ("Desporto", "Futebol")},
    "tech": {"en": ("Technology", "Tech", "Science & Tech", "Gadgets"), "de": ("Digital", "Technik", "Netzwelt"),
             "fr": ("Tech", "Numérique"), "es": ("Tecnología",), "it": ("Tecnologia",),
             "pl": ("Technologie",), "nl": ("Tech", "Digitaal"), "pt": ("Tecnologia",)},
}

# Utility entries of a menu bar.
SERVICES: Lexicon = {
    "en": ("Home", "Menu", "Search", "Sign in", "Log in", "Register", "Subscribe", "My account",
           "Newsletters", "E-paper", "Today's paper", "Latest", "Most read", "Contact us", "About us",
           "Advertise", "Events", "Shop", "Donate", "Edition", "More", "Close"),
    "de": ("Startseite", "Menü", "Suche", "Anmelden", "Registrieren", "Abonnieren", "Abo", "Mein Konto",
           "Newsletter", "E-Paper", "Aktuell", "Meistgelesen", "Kontakt", "Über uns", "Mediadaten",
           "Shop", "Mehr", "Schließen", "Abmelden"),
    "fr": ("Accueil", "Menu", "Rechercher", "Se connecter", "S'abonner", "Mon compte", "Newsletters",
           "Le journal", "En direct", "Les plus lus", "Contact", "Qui sommes-nous", "Plus", "Fermer"),
    "es": ("Inicio", "Menú", "Buscar", "Iniciar sesión", "Suscríbete", "Mi cuenta", "Boletines",
           "Hemeroteca", "Última hora", "Lo más leído", "Contacto", "Quiénes somos", "Más", "Cerrar"),
    "it": ("Home", "Menu", "Cerca", "Accedi", "Abbonati", "Il mio account", "Newsletter", "Edicola",
           "Ultima ora", "I più letti", "Contatti", "Chi siamo", "Altro", "Chiudi"),
    "pl": ("Strona główna", "Menu", "Szukaj", "Zaloguj się", "Subskrybuj", "Moje konto", "Newsletter",
           "Najnowsze", "Najpopularniejsze", "Kontakt", "O nas", "Więcej", "Zamknij"),
    "nl": ("Home", "Menu", "Zoeken", "Inloggen", "Abonneren", "Mijn account", "Nieuwsbrief", "Krant",
           "Net binnen", "Meest gelezen", "Contact", "Over ons", "Meer", "Sluiten"),
    "pt": ("Início", "Menu", "Pesquisar", "Entrar", "Assinar", "Minha conta", "Newsletter", "Edição",
           "Últimas", "Mais lidas", "Contacto", "Quem somos", "Mais", "Fechar"),
}

SKIP_LINKS: Lexicon = {
    "en": ("Skip to main content", "Skip to content", "Skip to navigation", "Jump to navigation"),
    "de": ("Zum Inhalt springen", "Direkt zum Inhalt", "Zur Navigation springen"),
    "fr": ("Aller au contenu principal", "Aller au menu"), "es": ("Saltar al contenido principal", "Ir al menú"),
    "it": ("Vai al contenuto principale", "Salta al menu"), "pl": ("Przejdź do treści", "Przejdź do menu"),
    "nl": ("Naar de hoofdinhoud", "Ga naar navigatie"), "pt": ("Ir para o conteúdo principal", "Ir para o menu"),
}

# Share buttons; a site shows a few, one per line or all on one line.
SHARE: Lexicon = {
    "en": ("Share", "Share this article", "Share on Facebook", "Share on Twitter", "Share on X", "Tweet",
           "Email", "Print", "Copy link", "Save", "Share via WhatsApp", "Pin it", "Comments"),
    "de": ("Teilen", "Artikel teilen", "Auf Facebook teilen", "Twittern", "Per E-Mail versenden",
           "Drucken", "Link kopieren", "Merken", "Per WhatsApp teilen", "Kommentare"),
    "fr": ("Partager", "Partager sur Facebook", "Partager sur X", "Envoyer par e-mail", "Imprimer",
           "Copier le lien", "Sauvegarder", "Commenter"),
    "es": ("Compartir", "Compartir en Facebook", "Compartir en X", "Enviar por correo", "Imprimir",
           "Copiar enlace", "Guardar", "Comentar"),
    "it": ("Condividi", "Condividi su Facebook", "Condividi su X", "Invia per email", "Stampa",
           "Copia link", "Salva", "Commenta"),
    "pl": ("Udostępnij", "Udostępnij na Facebooku", "Wyślij e-mailem", "Drukuj", "Kopiuj link",
           "Zapisz", "Skomentuj"),
    "nl": ("Delen", "Deel op Facebook", "Deel via e-mail", "Printen", "Link kopiëren", "Bewaren",
           "Reageren"),
    "pt": ("Partilhar", "Compartilhar", "Partilhar no Facebook", "Enviar por e-mail", "Imprimir",
           "Copiar link", "Guardar", "Comentar"),
}

# Language-neutral names of networks and apps, for share and follow blocks.
SOCIAL: tuple[str, ...] = ("Facebook", "Twitter", "X", "Instagram", "YouTube", "LinkedIn", "TikTok",
                           "WhatsApp", "Pinterest", "Telegram", "Threads", "Bluesky", "Reddit", "RSS",
                           "Flipboard", "Mastodon")

FOLLOW: Lexicon = {
    "en": ("Follow us", "Follow us on social media", "Connect with us"), "de": ("Folgen Sie uns", "Folge uns"),
    "fr": ("Suivez-nous",), "es": ("Síguenos",), "it": ("Seguici",), "pl": ("Obserwuj nas",),
    "nl": ("Volg ons",), "pt": ("Siga-nos",),
}

# Advertisement markers between paragraphs.
ADS: Lexicon = {
    "en": ("Advertisement", "ADVERTISEMENT", "Ad", "Sponsored", "Sponsored content", "Promoted",
           "Story continues below", "Story continues below advertisement", "Article continues below",
           "Continue reading the main story", "Scroll to continue with content", "Advertise with us"),
    "de": ("Anzeige", "ANZEIGE", "Werbung", "WERBUNG", "Weiter nach der Anzeige", "Artikel wird unter der Anzeige fortgesetzt",
           "Gesponsert"),
    "fr": ("Publicité", "PUBLICITÉ", "Contenu sponsorisé", "La suite après la publicité",
           "L'article continue ci-dessous"),
    "es": ("Publicidad", "PUBLICIDAD", "Contenido patrocinado", "Sigue leyendo debajo del anuncio"),
    "it": ("Pubblicità", "PUBBLICITÀ", "Contenuto sponsorizzato", "Continua a leggere dopo la pubblicità"),
    "pl": ("Reklama", "REKLAMA", "Artykuł sponsorowany", "Dalsza część artykułu pod reklamą"),
    "nl": ("Advertentie", "ADVERTENTIE", "Gesponsord", "Het artikel gaat verder onder de advertentie"),
    "pt": ("Publicidade", "PUBLICIDADE", "Conteúdo patrocinado", "Continua depois da publicidade"),
}

# Prefixes of an inline link to another story: "<prefix>: <headline>".
INLINE_PREFIXES: Lexicon = {
    "en": ("Also read", "Read more", "Read also", "Related", "See also", "Watch", "READ MORE", "MORE",
           "Related story", "Listen"),
    "de": ("Lesen Sie auch", "Auch interessant", "Mehr zum Thema", "Siehe auch", "Video", "LESEN SIE AUCH",
           "Das könnte Sie auch interessieren"),
    "fr": ("Lire aussi", "À lire aussi", "Voir aussi", "LIRE AUSSI", "Vidéo"),
    "es": ("Lee también", "Leer más", "Te puede interesar", "Ver también", "LEA TAMBIÉN"),
    "it": ("Leggi anche", "Potrebbe interessarti", "Vedi anche", "LEGGI ANCHE"),
    "pl": ("Czytaj także", "Czytaj też", "Zobacz także", "CZYTAJ WIĘCEJ"),
    "nl": ("Lees ook", "Lees meer", "Bekijk ook", "LEES OOK"),
    "pt": ("Leia também", "Leia mais", "Veja também", "LEIA TAMBÉM"),
}

# Labels above a list of other headlines.
TAIL_LABELS: Lexicon = {
    "en": ("Trending", "Trending now", "Also read", "More from this site", "You may also like",
           "Most popular", "Most read", "Related stories", "Recommended", "Recommended for you",
           "Latest news", "Top stories", "More stories", "Don't miss", "Editor's picks", "In other news",
           "Around the web", "Popular now", "Read next", "MORE FROM NEWS", "TRENDING", "LATEST"),
    "de": ("Meistgelesen", "Auch interessant", "Das könnte Sie auch interessieren", "Mehr zum Thema",
           "Top-Themen", "Neueste Artikel", "Weitere Artikel", "Empfehlungen der Redaktion", "Beliebt",
           "Aktuelle Nachrichten", "Verpassen Sie nicht", "Mehr aus dem Ressort", "MEISTGELESEN"),
    "fr": ("Les plus lus", "À lire aussi", "Sur le même sujet", "Dernières actualités", "Tendances",
           "Vous aimerez aussi", "Les plus partagés", "À la une"),
    "es": ("Lo más leído", "Te puede interesar", "Noticias relacionadas", "Últimas noticias",
           "Tendencias", "Más noticias", "Lo más visto"),
    "it": ("I più letti", "Potrebbe interessarti", "Articoli correlati", "Ultime notizie", "In evidenza",
           "Più visti", "Da non perdere"),
    "pl": ("Najczęściej czytane", "Polecamy", "Zobacz także", "Najnowsze wiadomości", "Popularne",
           "Może cię zainteresować"),
    "nl": ("Meest gelezen", "Lees ook", "Gerelateerde artikelen", "Laatste nieuws", "Populair",
           "Aanbevolen"),
    "pt": ("Mais lidas", "Leia também", "Notícias relacionadas", "Últimas notícias", "Em destaque",
           "Recomendados"),
}

BYLINE_PREFIXES: Lexicon = {
    "en": ("By", "BY", "Written by", "Words by", "Report by", "Author:"),
    "de": ("Von", "VON", "Autor:", "Ein Beitrag von"), "fr": ("Par", "PAR", "Auteur :"),
    "es": ("Por", "POR", "Autor:"), "it": ("Di", "di", "Autore:"), "pl": ("Autor:", "Oprac."),
    "nl": ("Door", "DOOR", "Auteur:"), "pt": ("Por", "POR", "Autor:"),
}

ROLES: Lexicon = {
    "en": ("Staff writer", "Political correspondent", "Business reporter", "Sports reporter",
           "Technology correspondent", "Arts editor", "Senior reporter", "Contributor", "News editor",
           "Chief correspondent"),
    "de": ("Redakteur", "Redakteurin", "Korrespondent", "Korrespondentin", "Ressortleiter", "Autorin",
           "Freier Mitarbeiter"),
    "fr": ("Journaliste", "Correspondant", "Rédacteur en chef adjoint", "Envoyée spéciale"),
    "es": ("Redactor", "Corresponsal", "Periodista", "Redactora jefe"),
    "it": ("Giornalista", "Corrispondente", "Redattore", "Inviata"),
    "pl": ("Dziennikarz", "Korespondent", "Redaktor", "Reporterka"),
    "nl": ("Verslaggever", "Correspondent", "Redacteur", "Politiek verslaggever"),
    "pt": ("Jornalista", "Correspondente", "Redator", "Repórter"),
}

# Author boxes under an article: ``{person}``, ``{role}`` (lower-cased) and ``{site}`` are filled in.
AUTHOR_BIOS: Lexicon = {
    "en": ("{person} is a {role} at {site}.", "{person} has been a {role} for {site} since {y}.",
           "About the author: {person} is a {role}.", "More articles by {person}", "Contact the author"),
    "de": ("{person} ist {role} bei {site}.", "{person} schreibt seit {y} für {site}.", "Mehr von {person}",
           "Zur Autorenseite"),
    "fr": ("{person} est {role} au {site}.", "Tous les articles de {person}"),
    "es": ("{person} es {role} en {site}.", "Más artículos de {person}"),
    "it": ("{person} è {role} presso {site}.", "Tutti gli articoli di {person}"),
    "pl": ("{person} jest autorem w {site}.", "Więcej artykułów autora"),
    "nl": ("{person} is {role} bij {site}.", "Meer van {person}"),
    "pt": ("{person} é {role} no {site}.", "Mais artigos de {person}"),
}

# Date lines around the byline; ``{date}`` is filled from DATE_FORMATS.
PUBLISHED: Lexicon = {
    "en": ("Published {date}", "Updated {date}", "Last updated: {date}", "Posted on {date}", "{date}",
           "First published on {date}", "Published: {date}", "PUBLISHED: {date}"),
    "de": ("Veröffentlicht am {date}", "Aktualisiert am {date}", "Stand: {date}", "{date}",
           "Erstellt: {date}", "Zuletzt aktualisiert: {date}"),
    "fr": ("Publié le {date}", "Mis à jour le {date}", "{date}", "Modifié le {date}"),
    "es": ("Publicado el {date}", "Actualizado {date}", "{date}"),
    "it": ("Pubblicato il {date}", "Aggiornato il {date}", "{date}", "Ultimo aggiornamento: {date}"),
    "pl": ("Opublikowano: {date}", "Aktualizacja: {date}", "{date}"),
    "nl": ("Gepubliceerd op {date}", "Bijgewerkt op {date}", "{date}", "Laatste update: {date}"),
    "pt": ("Publicado em {date}", "Atualizado em {date}", "{date}"),
}

RELATIVE_TIMES: Lexicon = {
    "en": ("{n} hours ago", "{n} minutes ago", "{n} days ago", "{n}h ago", "{n} mins ago", "Yesterday",
           "Updated {n} hours ago", "{n} hrs ago", "Just now"),
    "de": ("vor {n} Stunden", "vor {n} Minuten", "vor {n} Tagen", "Gestern", "Aktualisiert vor {n} Stunden",
           "vor {n} Std."),
    "fr": ("Il y a {n} heures", "Il y a {n} minutes", "Il y a {n} jours", "Hier"),
    "es": ("Hace {n} horas", "Hace {n} minutos", "Hace {n} días", "Ayer"),
    "it": ("{n} ore fa", "{n} minuti fa", "{n} giorni fa", "Ieri"),
    "pl": ("{n} godz. temu", "{n} min temu", "{n} dni temu", "Wczoraj"),
    "nl": ("{n} uur geleden", "{n} minuten geleden", "{n} dagen geleden", "Gisteren"),
    "pt": ("Há {n} horas", "Há {n} minutos", "Há {n} dias", "Ontem"),
}

READING_TIMES: Lexicon = {
    "en": ("{n} min read", "Reading time: {n} minutes", "{n} minute read", "Listen to this article"),
    "de": ("Lesezeit: {n} Minuten", "{n} Min. Lesezeit", "Artikel anhören"),
    "fr": ("Temps de lecture : {n} min", "Lecture {n} min.", "Écouter cet article"),
    "es": ("Lectura de {n} min", "Tiempo de lectura: {n} min", "Escuchar noticia"),
    "it": ("Tempo di lettura: {n} minuti", "{n} min di lettura", "Ascolta l'articolo"),
    "pl": ("Czas czytania: {n} min", "{n} min czytania", "Posłuchaj artykułu"),
    "nl": ("Leestijd: {n} minuten", "{n} min leestijd", "Luister naar dit artikel"),
    "pt": ("Tempo de leitura: {n} min", "{n} min de leitura", "Ouvir artigo"),
}

MONTHS: Lexicon = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
           "października", "listopada", "grudnia"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"),
}

# Date formats: {d} day, {dd} zero-padded day, {month} month name, {mon} its first three letters,
# {mm} zero-padded month number, {y} year, {H}/{M} hours and minutes, {h} 12-hour clock, {ampm} AM/PM.
DATE_FORMATS: Lexicon = {
    "en": ("{d} {month} {y}", "{month} {d}, {y}", "{mon} {d}, {y} {h}:{M} {ampm}", "{y}-{mm}-{dd}",
           "{dd}/{mm}/{y}", "{d} {month} {y}, {H}:{M}", "{mon}. {d}, {y} {h}:{M} {ampm} EST",
           "{H}:{M} GMT, {d} {month} {y}"),
    "de": ("{dd}.{mm}.{y}", "{dd}.{mm}.{y}, {H}:{M} Uhr", "{d}. {month} {y}", "{d}. {month} {y}, {H}:{M} Uhr",
           "{dd}.{mm}.{y} | {H}:{M}"),
    "fr": ("{d} {month} {y}", "{d} {month} {y} à {H}h{M}", "{dd}/{mm}/{y} à {H}:{M}"),
    "es": ("{d} de {month} de {y}", "{d} {mon} {y} - {H}:{M}", "{dd}/{mm}/{y} {H}:{M}"),
    "it": ("{d} {month} {y}", "{dd}/{mm}/{y} ore {H}:{M}", "{d} {month} {y}, {H}:{M}"),
    "pl": ("{d} {month} {y}", "{dd}.{mm}.{y}, {H}:{M}", "{d} {month} {y}, godz. {H}:{M}"),
    "nl": ("{d} {month} {y}", "{dd}-{mm}-{y}, {H}:{M}", "{d} {month} {y} om {H}:{M}"),
    "pt": ("{d} de {month} de {y}", "{dd}/{mm}/{y} {H}h{M}", "{d} {month} {y}, {H}:{M}"),
}

PHOTO_PREFIXES: Lexicon = {
    "en": ("Photo: ", "Image: ", "Picture: ", "Credit: ", "Image copyright ", "Photograph: ", "(Image: "),
    "de": ("Foto: ", "Bild: ", "Quelle: ", "© "), "fr": ("Photo : ", "Crédit photo : ", "© "),
    "es": ("Foto: ", "Imagen: ", "Fuente: "), "it": ("Foto: ", "Immagine: ", "Credit: "),
    "pl": ("Fot. ", "Zdjęcie: ", "Źródło: "), "nl": ("Foto: ", "Beeld: ", "© "), "pt": ("Foto: ", "Imagem: ", "Crédito: "),
}

AGENCIES: tuple[str, ...] = ("Getty Images", "Reuters", "AFP", "AP", "PA", "EPA", "Shutterstock", "Alamy",
                             "dpa", "ANSA", "EFE", "Imago", "iStock", "Staff photographer", "Handout",
                             "Press Association", "Bloomberg", "PAP", "ANP", "Lusa")

NEWSLETTER: Lexicon = {
    "en": ("Sign up for our daily newsletter", "Get the latest headlines sent to your inbox",
           "Subscribe to our newsletter", "Enter your email address", "Sign up", "Thank you for signing up!",
           "Get breaking news alerts", "Never miss a story: subscribe today",
           "By signing up you agree to our terms and privacy policy",
           "Support independent journalism. Subscribe from just {n} a month",
           "You have reached your limit of free articles", "Already a subscriber? Log in"),
    "de": ("Jetzt Newsletter abonnieren", "Die wichtigsten Nachrichten direkt in Ihr Postfach",
           "E-Mail-Adresse eingeben", "Jetzt anmelden", "Vielen Dank für Ihre Anmeldung!",
           "Mit der Anmeldung akzeptieren Sie unsere Datenschutzerklärung",
           "Sie haben bereits ein Abo? Hier anmelden", "Jetzt {n} Wochen gratis testen",
           "Weiterlesen mit Abo", "Unterstützen Sie unabhängigen Journalismus"),
    "fr": ("Inscrivez-vous à notre newsletter", "Recevez l'essentiel de l'actualité chaque matin",
           "Votre adresse e-mail", "Je m'inscris", "Déjà abonné ? Connectez-vous",
           "Cet article est réservé aux abonnés"),
    "es": ("Suscríbete a nuestro boletín", "Recibe las noticias más importantes en tu correo",
           "Introduce tu correo electrónico", "Apúntate", "¿Ya eres suscriptor? Inicia sesión",
           "Este contenido es exclusivo para suscriptores"),
    "it": ("Iscriviti alla nostra newsletter", "Ricevi ogni mattina le notizie più importanti",
           "Inserisci il tuo indirizzo email", "Iscriviti", "Sei già abbonato? Accedi",
           "Questo articolo è riservato agli abbonati"),
    "pl": ("Zapisz się na nasz newsletter", "Najważniejsze wiadomości prosto na twoją skrzynkę",
           "Podaj adres e-mail", "Zapisz się", "Masz już subskrypcję? Zaloguj się"),
    "nl": ("Schrijf je in voor onze nieuwsbrief", "Ontvang elke ochtend het belangrijkste nieuws",
           "Vul je e-mailadres in", "Aanmelden", "Al abonnee? Log in"),
    "pt": ("Subscreva a nossa newsletter", "Receba as principais notícias no seu e-mail",
           "Introduza o seu e-mail", "Subscrever", "Já é assinante? Entre"),
}

# Cookie banners: a notice, then a button or two.
COOKIE_NOTICES: Lexicon = {
    "en": ("We use cookies to improve your experience on our site.",
           "This website uses cookies. By continuing to browse you agree to our use of cookies.",
           "We and our partners process personal data to personalise ads and content.",
           "We value your privacy"),
    "de": ("Wir verwenden Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten.",
           "Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie der Verwendung zu.",
           "Wir und unsere Partner verarbeiten personenbezogene Daten.", "Ihre Privatsphäre ist uns wichtig"),
    "fr": ("Ce site utilise des cookies pour améliorer votre expérience.", "Vos données, vos choix"),
    "es": ("Utilizamos cookies para mejorar tu experiencia.", "Tu privacidad es importante para nosotros"),
    "it": ("Questo sito utilizza cookie per migliorare la tua esperienza.", "La tua privacy è importante"),
    "pl": ("Ta strona korzysta z plików cookie.", "Cenimy twoją prywatność"),
    "nl": ("Deze website maakt gebruik van cookies.", "Wij respecteren je privacy"),
    "pt": ("Este site utiliza cookies para melhorar a sua experiência.", "A sua privacidade é importante"),
}

COOKIE_BUTTONS: Lexicon = {
    "en": ("Accept all", "Accept cookies", "Reject all", "Manage preferences", "Cookie settings", "I agree", "OK"),
    "de": ("Alle akzeptieren", "Akzeptieren", "Ablehnen", "Einstellungen", "Cookie-Einstellungen", "Zustimmen"),
    "fr": ("Tout accepter", "Tout refuser", "Paramétrer les cookies", "Gérer mes choix", "J'accepte"),
    "es": ("Aceptar todo", "Rechazar", "Configurar cookies", "Más información", "Acepto"),
    "it": ("Accetta tutto", "Rifiuta", "Gestisci preferenze", "Impostazioni cookie", "Accetto"),
    "pl": ("Akceptuję", "Odrzuć", "Ustawienia prywatności", "Zgadzam się"),
    "nl": ("Alles accepteren", "Weigeren", "Cookie-instellingen", "Akkoord"),
    "pt": ("Aceitar tudo", "Rejeitar", "Definições de cookies", "Concordo"),
}

COMMENTS: Lexicon = {
    "en": ("Comments", "Comments ({n})", "{n} comments", "Leave a comment", "Add a comment", "Reply",
           "Report", "Like", "Show more comments", "Sort by: Newest", "Log in to comment",
           "You must be logged in to post a comment.", "Join the conversation", "Be the first to comment",
           "Load more"),
    "de": ("Kommentare", "Kommentare ({n})", "{n} Kommentare", "Kommentar schreiben", "Antworten",
           "Melden", "Weitere Kommentare anzeigen", "Sortieren nach: Neueste",
           "Zum Kommentieren bitte anmelden", "Diskutieren Sie mit", "Mehr laden"),
    "fr": ("Commentaires", "{n} commentaires", "Réagir", "Répondre", "Signaler", "Voir plus de commentaires"),
    "es": ("Comentarios", "{n} comentarios", "Escribe un comentario", "Responder", "Denunciar", "Ver más"),
    "it": ("Commenti", "{n} commenti", "Scrivi un commento", "Rispondi", "Segnala", "Mostra altri"),
    "pl": ("Komentarze", "{n} komentarzy", "Dodaj komentarz", "Odpowiedz", "Zgłoś", "Pokaż więcej"),
    "nl": ("Reacties", "{n} reacties", "Plaats een reactie", "Reageer", "Melden", "Meer laden"),
    "pt": ("Comentários", "{n} comentários", "Deixe um comentário", "Responder", "Denunciar", "Ver mais"),
}

TAGS: Lexicon = {
    "en": ("Tags", "Topics", "Related topics", "More on this story", "Filed under"),
    "de": ("Schlagwörter", "Themen", "Mehr zum Thema"), "fr": ("Mots-clés", "Sujets"),
    "es": ("Etiquetas", "Temas"), "it": ("Tag", "Argomenti"), "pl": ("Tagi", "Tematy"),
    "nl": ("Trefwoorden", "Onderwerpen"), "pt": ("Etiquetas", "Tópicos"),
}

# Footer links.
FOOTER_LINKS: Lexicon = {
    "en": ("Privacy Policy", "Privacy", "Terms of Use", "Terms and Conditions", "Terms of Service",
           "Cookie Policy", "Cookies", "Accessibility", "Contact", "About", "Advertise", "Careers",
           "Sitemap", "Help", "Complaints", "Corrections", "Editorial guidelines", "RSS feeds",
           "Do not sell my personal information", "Manage cookies", "Back to top"),
    "de": ("Impressum", "Datenschutz", "Datenschutzerklärung", "AGB", "Nutzungsbedingungen", "Kontakt",
           "Barrierefreiheit", "Cookie-Einstellungen", "Mediadaten", "Karriere", "Hilfe", "Redaktion",
           "Abo kündigen", "Nach oben"),
    "fr": ("Mentions légales", "Politique de confidentialité", "Conditions générales", "Gestion des cookies",
           "Contact", "Plan du site", "Accessibilité", "Publicité", "Retour en haut"),
    "es": ("Aviso legal", "Política de privacidad", "Política de cookies", "Contacto", "Mapa del sitio",
           "Accesibilidad", "Publicidad", "Volver arriba"),
    "it": ("Note legali", "Privacy", "Cookie policy", "Contatti", "Mappa del sito", "Pubblicità",
           "Termini e condizioni", "Torna su"),
    "pl": ("Polityka prywatności", "Regulamin", "Polityka cookies", "Kontakt", "Reklama", "Mapa strony",
           "Do góry"),
    "nl": ("Privacybeleid", "Cookiebeleid", "Algemene voorwaarden", "Colofon", "Contact", "Adverteren",
           "Naar boven"),
    "pt": ("Política de privacidade", "Termos de uso", "Política de cookies", "Contactos", "Ficha técnica",
           "Publicidade", "Voltar ao topo"),
}

RIGHTS: Lexicon = {
    "en": ("All rights reserved", "All rights reserved.", "Some rights reserved"),
    "de": ("Alle Rechte vorbehalten", "Alle Rechte vorbehalten."), "fr": ("Tous droits réservés",),
    "es": ("Todos los derechos reservados",), "it": ("Tutti i diritti riservati",),
    "pl": ("Wszelkie prawa zastrzeżone",), "nl": ("Alle rechten voorbehouden",),
    "pt": ("Todos os direitos reservados",),
}

# Footer lines built from the site name and a year.
COPYRIGHT_TEMPLATES: tuple[str, ...] = ("© {y} {site}", "© {site} {y}", "Copyright © {y} {site}",
                                        "(c) {y} {site}", "© {y} {site} Ltd", "© {y} {site} Media Group",
                                        "Copyright {y} {site}")

# Parts of invented site names: "<place> <word>" or "The <adjective> <word>".
SITE_WORDS: Lexicon = {
    "en": ("Herald", "Post", "Courier", "Times", "Chronicle", "Gazette", "Observer", "Ledger", "Bulletin",
           "Express", "Tribune", "Journal", "Record", "Standard", "Sentinel", "Review", "Dispatch", "Wire",
           "Digest", "Echo", "Mirror", "Star", "News", "Today", "Daily", "Report", "Insider", "Beacon"),
    "de": ("Zeitung", "Rundschau", "Anzeiger", "Kurier", "Nachrichten", "Tagblatt", "Bote", "Echo",
           "Allgemeine", "Post", "Presse", "Blatt", "Journal", "Spiegel", "Stimme"),
    "fr": ("Le Courrier", "La Gazette", "Le Journal", "L'Écho", "La Dépêche", "Le Progrès", "L'Observateur"),
    "es": ("El Diario", "La Voz", "El Heraldo", "La Crónica", "El Correo", "La Gaceta", "El Observador"),
    "it": ("Il Giornale", "La Gazzetta", "Il Corriere", "La Voce", "Il Messaggero", "La Cronaca"),
    "pl": ("Gazeta", "Kurier", "Dziennik", "Głos", "Echo", "Tygodnik", "Przegląd"),
    "nl": ("Dagblad", "Courant", "Nieuwsblad", "Krant", "Post", "Gazet"),
    "pt": ("O Diário", "A Gazeta", "O Correio", "Jornal", "A Voz", "O Observador"),
}

PLACES: tuple[str, ...] = ("Northfield", "Riverside", "Eastbrook", "Westmoor", "Lakeview", "Hillcrest",
                           "Oakridge", "Millbay", "Stonebridge", "Redcliff", "Greenhaven", "Ashford",
                           "Brookdale", "Fairport", "Kingsley", "Marlow", "Norwood", "Silverton",
                           "Thornbury", "Valemont", "Windham", "Harbour City", "Elmstead", "Copperfield")

DOMAIN_SUFFIXES: tuple[str, ...] = (".com", ".co.uk", ".de", ".fr", ".es", ".it", ".pl", ".nl", ".pt",
                                    ".net", ".org", ".news", ".at", ".ch", ".be", ".com.br")

FIRST_NAMES: tuple[str, ...] = ("Jane", "John", "Anna", "Mark", "Sarah", "David", "Laura", "Tom", "Emma",
                                "James", "Maria", "Peter", "Julia", "Michael", "Sophie", "Daniel", "Lena",
                                "Thomas", "Claire", "Pierre", "Lucía", "Carlos", "Giulia", "Marco",
                                "Katarzyna", "Piotr", "Anouk", "Jeroen", "Ana", "João", "Katrin", "Stefan",
                                "Nadia", "Omar", "Priya", "Ravi", "Chloé", "Hannah", "Felix", "Isabel")

LAST_NAMES: tuple[str, ...] = ("Doe", "Smith", "Brown", "Taylor", "Walker", "Hughes", "Morgan", "Clarke",
                               "Patel", "Khan", "Müller", "Schmidt", "Schneider", "Fischer", "Weber",
                               "Becker", "Dubois", "Martin", "Bernard", "García", "Fernández", "López",
                               "Rossi", "Russo", "Bianchi", "Kowalski", "Nowak", "Wiśniewska", "de Vries",
                               "Jansen", "Bakker", "Silva", "Santos", "Pereira", "Novak", "Jensen",
                               "O'Connor", "Nguyen", "Ahmed", "Kaur")

BREADCRUMB_SEPARATORS: tuple[str, ...] = (" > ", " / ", " » ", " › ", " | ", " - ")

# Prefixes of listed headlines; ``{n}`` numbers the list.
LIST_MARKERS: tuple[str, ...] = ("", "", "", "", "• ", "- ", "» ", "› ", "{n}. ", "{n} ")

ELLIPSES: tuple[str, ...] = ("...", "…", " ...", "…")
