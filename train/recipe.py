"""The packaged model's recipe: the hyperparameters ``python -m train`` fits it with.

They go to :func:`train.fit.fit_estimator` (and through it to
:func:`predict.pipeline.build_pipeline`) and into the model card, and the
comparison refits an older card's recipe from the card's copy. So a new
hyperparameter belongs here, never in a changed default of ``train.fit.build_model``:
the defaults must still rebuild the recipes of older cards (a changed default
would be refit into the old recipe too, and the comparison would show two
equal rows). What each recipe measured: docs/experiments.md.
"""
from __future__ import annotations

MODEL_PARAMS: dict = {"decoder": False, "boosted": True, "additive": True, "markdown": True,
                      "renderings": ["markdownify", "inscriptis"], "rendering_share": 0.5, "headline_ranker": True,
                      "headline_renderings": ["html2text", "markitdown", "lynx", "w3m", "pandoc"],
                      "headline_page_weight": 3.0}
"""The packaged model's hyperparameters; each key, and why it has its value:

- ``decoder`` False: no HMM decoder (:mod:`train.decoder`) on top; the stacked
  stage already reads the neighbours' scores, and on ``train.evaluate``'s folds
  the decoder cost 0.023 snippet F1 (0.11.0; docs/how-it-works.md, "Decoder").
- ``boosted`` True: the stacked stage is gradient-boosted trees
  (:mod:`predict.stages.boosting`), which can read a run of short lines
  differently on a listing and under an article (WCXB word F1 0.812 → 0.824,
  0.12.0).
- ``additive`` True: the trees' probability is averaged with an additive
  stage's (:mod:`predict.stages.additive`): better calibrated, and it keeps
  fewer readers' comments.
- ``markdown`` True: markdown links and images are features of a line
  (:mod:`predict.features.markdown`), for input from markdown converters.
- ``headline`` (default False): the stacked stage would also see where the
  page's headline is (:mod:`predict.features.headline`). It keeps the
  headline on 53% of WCXB article pages against 21%, but the comparison
  refused the model it made (0.16.0: WCXB listings rendered by inscriptis
  0.643 → 0.628), so it is not in the packaged recipe; weighting the
  headline 5 times in training (``title_weight``) kept 86% of them at 0.006
  WCXB body F1 (docs/experiments.md, session 18).
- ``renderings`` and ``rendering_share``: half the WCXB pages are also trained
  on as markdownify's markdown or inscriptis's text renders them
  (:mod:`train.data.renderings`), so the model reads what other tools write.
- ``headline_ranker`` True: which line heads a page is learned over its
  candidate lines (:mod:`train.headline`), where models before 0.16.0 keep
  the line a fixed rule finds (WCXB article pages that keep their headline,
  held-out sites: 84.7% by the rule; docs/experiments.md, session 21).
- ``headline_renderings`` and ``headline_page_weight``: the ranker alone
  also learns from the pages as five more converters write them, and each
  page as html-text weighs 3 times one rendering of it. A converter left out
  of the ranker's training still finds its headline more often than with
  the recipe's two renderings alone (held-out sites, seed 0: lynx 0.51 →
  0.62, w3m 0.64 → 0.74, html2text 0.81 → 0.91), and html-text keeps its
  figure (docs/experiments.md, session 22). The line model never trains on
  them: they stay converters it has not seen.

No cropped copies (``crops`` 0, the default): docs/how-it-works.md, "Training data".
"""


def corpus_renderings(params: dict) -> list[str]:
    """The renderings a recipe's WCXB pages must carry to be trained on: the line model's, then the
    headline ranker's."""
    return list(dict.fromkeys([*params.get("renderings", ()), *params.get("headline_renderings", ())]))
