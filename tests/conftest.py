"""Fixtures shared by the model and training tests: pages of an imaginary news site.

The Larchfield Gazette does not exist; every sentence and headline below was
written for these tests. A page is a junk head (section label, menu), a few
article sentences on one topic, and a junk tail of off-topic headlines, the
shape of the scraped pages the model is trained on. Pages are small so that
fitting the full model takes a second or two; every article sentence has
"the", so that the word features (which keep words seen on at least five
lines) have a vocabulary even when a cross-validation fold holds one page.
"""
from __future__ import annotations

from typing import Callable

import pytest

from predict.corpus.parallel import one_thread
from train.data.documents import CONTENT, JUNK, LabelledDocument
from train.fit import fit_estimator


@pytest.fixture(autouse=True, scope="session")
def _caches_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory):
    """Tests write only to temporary folders: the rendering and extraction caches that training and
    evaluation keep under ``~/.cache/junkfilter`` go to a folder of this test session instead."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        patch.delenv("JUNKFILTER_RENDERINGS", raising=False)
        yield


@pytest.fixture(autouse=True, scope="session")
def _one_thread():
    """Models fitted in tests use one BLAS and one OpenMP thread, as ``predict`` scores: on a loaded
    machine OpenMP threads waiting for each other made the boosted stage's fits many times slower."""
    with one_thread():
        yield

TOPICS = {
    "ferry": [
        "The island ferry company said on Monday that a second boat will join the winter timetable.",
        "Passengers have complained for years that the single crossing at dawn left them stranded in town.",
        "The new vessel, built in a northern shipyard, can carry forty cars and three hundred people.",
        "Harbour staff said the extra sailings would begin in November if the sea trials go well.",
        "The company expects ticket prices to stay the same until the end of next year.",
    ],
    "library": [
        "The town library will open on Sunday afternoons from next month, the council said on Friday.",
        "Volunteers from the reading circle offered to staff the desk so that no new hires are needed.",
        "Story hours for children, cancelled during the repairs, will return to the library in the spring.",
        "The roof, which leaked for three winters, has finally been replaced with slate from a local quarry.",
        "Librarians said more people borrowed audio books from the library this year than ever before.",
    ],
    "orchard": [
        "A community orchard on the edge of the village has produced its first large apple harvest.",
        "Pupils from the primary school helped pick the fruit and press it into juice on Saturday.",
        "The orchard was planted eight years ago on land that had been used as a car park.",
        "Organisers hope to sell the juice at the winter market to pay for new fencing and tools.",
        "Several old varieties that had almost vanished from the region are growing there again.",
    ],
    "bridge": [
        "Engineers closed the old river bridge on Wednesday after finding cracks in two of its arches.",
        "Drivers were told to use the bypass, which adds about fifteen minutes to the trip into town.",
        "The county said repairs could take until the summer and would cost several million pounds.",
        "Shop owners near the bridge fear that fewer customers will reach them during the works.",
        "A temporary footbridge for walkers and cyclists is due to open within the next few weeks.",
    ],
}
HEAD = ["Home | News | Sport | Weather", "LOCAL NEWS", "Sign in | Register", "Share on Facebook"]
TAIL = [
    "Trending now",
    "Singer reveals secret wedding plans",
    "Ten snacks you must try this summer",
    "Watch: puppy surfs a giant wave",
    "Also read: Stars shine at gala night",
    "Footballer buys a castle",
    "Quiz champion stuns fans",
    "Photos: red carpet looks",
    "You may also like",
    "Advertisement",
]

GazettePages = Callable[..., list[LabelledDocument]]


def _page(k: int, domain: str) -> LabelledDocument:
    topic = list(TOPICS)[k % len(TOPICS)]
    sentences = TOPICS[topic][k % 2 :] + TOPICS[topic][: k % 2]
    head = [HEAD[k % 2], HEAD[2 + k % 2]]
    tail = [TAIL[(k + i) % len(TAIL)] for i in range(5)]
    return LabelledDocument(
        lines=head + sentences + tail,
        labels=[JUNK] * len(head) + [CONTENT] * len(sentences) + [JUNK] * len(tail),
        domain=domain,
        source=f"{domain}/page-{k}",
    )


@pytest.fixture(scope="session")
def gazette() -> GazettePages:
    """``gazette(n, sites=n)``: ``n`` fresh labelled pages spread over ``sites`` domains."""

    def pages(n: int = 8, sites: int | None = None) -> list[LabelledDocument]:
        sites = n if sites is None else sites
        return [_page(k, f"site{k % sites}.larchfield.example") for k in range(n)]

    return pages


@pytest.fixture(scope="session")
def gazette_model(gazette: GazettePages):
    """The runtime pipeline (``predict.pipeline.build_pipeline()`` defaults) fitted on eight pages."""
    return fit_estimator(gazette(8))


@pytest.fixture(scope="session")
def unseen_page() -> LabelledDocument:
    """A page on a topic the model was not trained on, with the usual junk head and tail."""
    sentences = [
        "The swimming pool on Mill Lane reopened on Thursday after a year of repairs to its heating.",
        "Swimmers queued outside before dawn, and the first lane was full within a few minutes.",
        "The council said the new boiler would cut the heating bill by almost a third.",
        "Lessons for beginners start again next week, with places for adults on Tuesday evenings.",
    ]
    lines = [HEAD[0], HEAD[2], *sentences, "Trending now", "Footballer buys a castle", "Photos: red carpet looks"]
    labels = [JUNK, JUNK] + [CONTENT] * len(sentences) + [JUNK] * 3
    return LabelledDocument(lines=lines, labels=labels, domain="pool.larchfield.example")

