"""One long line must not decide a page: every page scored again with a flattened dropdown in its head.

A country or company ``<select>`` rendered as text becomes one line of
hundreds of names. Issue 29 found such a line kept while every paragraph of
its article fell under the cut, through document statistics it dominated
(:func:`predict.features.kernels.documents.capped_outliers`). This check inserts
:data:`DROPDOWN_LINE`, a country list written for it, near the top of every
page with a gold text and counts the pages whose word F1 falls by more than
:data:`FALL`. The inserted line is left out of the kept text it compares, so
the count is of pages whose own lines the dropdown moved; whether the
dropdown itself is kept shows in the word F1 of the ``part@dropdown``
column.

In ``python -m train.evaluate`` the copies travel as a rendering of their
page (:data:`DROPDOWN`): each fold's models score them beside the pages they
copy, so no model is fitted for them, and training never reads them (it mixes
in the renderings its recipe names only).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Sequence

import numpy as np

from train.crossval import predict_documents
from train.data.documents import JUNK, LabelledDocument
from train.metrics import word_f1
from train.report import DROPDOWN_FALLS as FALLS
from train.report import RowPredictions, Table, part_columns

DROPDOWN = "dropdown"
"""The name of the copies as a rendering, and of their column (``part@dropdown``)."""
FALL = 0.3
"""A fall of word F1 larger than this is a page the dropdown broke, not noise (issue 29)."""
DROPDOWN_AT = 3
"""The dropdown goes after the page's third line: in its head, where sites put country and language pickers."""

_COUNTRIES = """Afghanistan|Aland Islands|Albania|Algeria|American Samoa|Andorra|Angola|Anguilla|Antarctica|
Antigua and Barbuda|Argentina|Armenia|Aruba|Australia|Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|
Belgium|Belize|Benin|Bermuda|Bhutan|Bolivia|Bonaire|Bosnia and Herzegovina|Botswana|Bouvet Island|Brazil|
British Indian Ocean Territory|British Virgin Islands|Brunei|Bulgaria|Burkina Faso|Burundi|Cabo Verde|Cambodia|
Cameroon|Canada|Cayman Islands|Central African Republic|Chad|Chile|China|Christmas Island|Cocos Islands|Colombia|
Comoros|Congo|Cook Islands|Costa Rica|Cote d'Ivoire|Croatia|Cuba|Curacao|Cyprus|Czechia|Denmark|Djibouti|Dominica|
Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Falkland Islands|
Faroe Islands|Fiji|Finland|France|French Guiana|French Polynesia|French Southern Territories|Gabon|Gambia|Georgia|
Germany|Ghana|Gibraltar|Greece|Greenland|Grenada|Guadeloupe|Guam|Guatemala|Guernsey|Guinea|Guinea-Bissau|Guyana|
Haiti|Heard Island and McDonald Islands|Holy See|Honduras|Hong Kong|Hungary|Iceland|India|Indonesia|Iran|Iraq|
Ireland|Isle of Man|Israel|Italy|Jamaica|Japan|Jersey|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|
Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Macao|Madagascar|Malawi|Malaysia|
Maldives|Mali|Malta|Marshall Islands|Martinique|Mauritania|Mauritius|Mayotte|Mexico|Micronesia|Moldova|Monaco|
Mongolia|Montenegro|Montserrat|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Caledonia|New Zealand|
Nicaragua|Niger|Nigeria|Niue|Norfolk Island|North Korea|North Macedonia|Northern Mariana Islands|Norway|Oman|
Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Pitcairn Islands|Poland|Portugal|
Puerto Rico|Qatar|Reunion|Romania|Russia|Rwanda|Saint Barthelemy|Saint Helena|Saint Kitts and Nevis|Saint Lucia|
Saint Martin|Saint Pierre and Miquelon|Saint Vincent and the Grenadines|Samoa|San Marino|Sao Tome and Principe|
Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Sint Maarten|Slovakia|Slovenia|Solomon Islands|Somalia|
South Africa|South Georgia and the South Sandwich Islands|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|
Svalbard and Jan Mayen|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Timor-Leste|Togo|Tokelau|Tonga|
Trinidad and Tobago|Tunisia|Turkey|Turkmenistan|Turks and Caicos Islands|Tuvalu|Uganda|Ukraine|United Arab Emirates|
United Kingdom|United States|United States Minor Outlying Islands|Uruguay|US Virgin Islands|Uzbekistan|Vanuatu|
Venezuela|Vietnam|Wallis and Futuna|Western Sahara|Yemen|Zambia|Zimbabwe"""
DROPDOWN_LINE = " ".join(["Country / Region", "Select your country", *_COUNTRIES.replace("\n", "").split("|")])
"""A country picker flattened into one line (about 360 words), as a block-per-line scraper renders a ``<select>``."""


def insert_at(doc: LabelledDocument) -> int:
    """Where the dropdown goes in ``doc``: after its :data:`DROPDOWN_AT`-th line (at its end when it is shorter)."""
    return min(DROPDOWN_AT, len(doc.lines))


def with_dropdown(doc: LabelledDocument, line: str = DROPDOWN_LINE) -> LabelledDocument:
    """A copy of ``doc`` with ``line`` inserted at :func:`insert_at`, labelled junk; same gold, no renderings."""
    at = insert_at(doc)

    def inserted(values: list | None, value: object) -> list | None:
        return None if values is None else [*values[:at], value, *values[at:]]

    return replace(doc, lines=inserted(doc.lines, line), labels=inserted(doc.labels, JUNK),
                   kinds=inserted(doc.kinds, "junk"), junk_kinds=inserted(doc.junk_kinds, None), renderings={})


def own_lines(doc: LabelledDocument, dropdown_mask: np.ndarray) -> np.ndarray:
    """A keep mask of the dropdown copy of ``doc`` cut back to ``doc``'s own lines (the dropdown left out)."""
    return np.delete(np.asarray(dropdown_mask, dtype=bool), insert_at(doc))


def fallen(docs: Sequence[LabelledDocument], masks: Sequence[np.ndarray], dropdown_masks: Sequence[np.ndarray],
           fall: float = FALL) -> list[bool]:
    """Per page with a gold text: whether its word F1 fell by more than ``fall`` with the dropdown inserted.

    ``masks`` keep ``doc``'s own lines, ``dropdown_masks`` the lines of its
    :func:`with_dropdown` copy; pages without a gold text are skipped.
    """
    def f1(doc: LabelledDocument, keep: np.ndarray) -> float:
        return word_f1("\n".join(line for line, kept in zip(doc.lines, keep) if kept), doc.gold or "")

    return [f1(doc, mask) - f1(doc, own_lines(doc, dropped)) > fall
            for doc, mask, dropped in zip(docs, masks, dropdown_masks, strict=True) if doc.gold is not None]


def dropdown_check(scorer: object, docs: Sequence[LabelledDocument], fall: float = FALL) -> dict[str, int]:
    """Any fitted scorer (``keep_documents``, or ``score_documents`` and ``keep_scored``) on ``docs`` with and
    without the dropdown: ``{FALLS: pages whose word F1 fell by more than fall, "dropdown_pages": pages with gold}``."""
    pages = [doc for doc in docs if doc.gold is not None]
    masks, _ = predict_documents(scorer, [doc.lines for doc in pages])
    dropped, _ = predict_documents(scorer, [with_dropdown(doc).lines for doc in pages])
    return falls_figures(fallen(pages, masks, dropped, fall))


def falls_figures(falls: Sequence[bool]) -> dict[str, int]:
    """The figures of one column: :data:`FALLS` and the pages it counted (``dropdown_pages``)."""
    return {FALLS: int(sum(falls)), "dropdown_pages": len(falls)}


def attach_dropdowns(parts: Mapping[str, list[LabelledDocument]]) -> dict[str, list[LabelledDocument]]:
    """``parts`` with every page that has a gold text carrying its :func:`with_dropdown` copy as the
    :data:`DROPDOWN` rendering (the pages are copied, not changed)."""
    return {name: [replace(doc, renderings={**doc.renderings, DROPDOWN: with_dropdown(doc)})
                   if doc.gold is not None else doc for doc in docs]
            for name, docs in parts.items()}


def dropdown_figures(predictions: Mapping[str, RowPredictions], parts: Mapping[str, list[LabelledDocument]]) -> Table:
    """``{row: {part@dropdown: {FALLS: …, "dropdown_pages": …}}}`` from each row's out-of-fold masks of the pages
    and of their :data:`DROPDOWN` copies (``parts`` in the order :func:`train.report.predict_rows` got them)."""
    docs, columns = part_columns(dict(parts))
    table: Table = {}
    for row, predicted in predictions.items():
        copies = predicted.rendered.get(DROPDOWN)
        for part, indices in columns.items():
            have = [i for i in indices if DROPDOWN in docs[i].renderings]
            if copies is not None and have:
                falls = fallen([docs[i] for i in have], [predicted.scored.masks[i] for i in have],
                               [copies.masks[i] for i in have])
                table.setdefault(row, {})[f"{part}@{DROPDOWN}"] = falls_figures(falls)
    return table
