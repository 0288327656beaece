"""Readers' comment threads on labelled article pages: which junk lines are comments.

Under an article, a comment thread reads like the article: well-formed,
on-topic sentences, between "name says:", "Reply" and date lines. The labels
call them junk (the gold text of an article leaves them out), but nothing in
a page says which junk lines are comments, and the share of comments a model
keeps is a figure users ask for. A thread is identified here from its
markers; the comment lines are the labelled-junk sentences between its first
marker after the article and its last reply marker. The rule is meant for
measuring, not for the model: it needs the labels to find where the article ends.
"""
from __future__ import annotations

import re
from typing import Sequence

from train.data.documents import CONTENT, JUNK, LabelledDocument

REPLY = re.compile(r"\bsays:?$|^reply$|^report this comment$", re.IGNORECASE)
"""A line that closes or heads one comment."""
MARKER = re.compile(
    r"\bsays:?$|^reply$|^report this comment$|^\d+\s+(comments?|replies|responses)$|^(comments?|responses?)$"
    r"|^(leave a (reply|comment)|join the (conversation|discussion))\b", re.IGNORECASE)
"""A line of a thread's furniture: reply links, comment counts, the thread's heading."""
SENTENCE = re.compile(r"[.!?…)\"”’:]\s*$|,")
"""Punctuation of a written sentence, which menus and link lists lack."""
STAMP = re.compile(r"[0-9]:[0-9]{2}(?![0-9])")
"""A clock time: the date line of a comment, not its text."""
MIN_REPLIES = 2
MIN_WORDS = 5
ARTICLE = "article"


def comment_lines(doc: LabelledDocument) -> list[int]:
    """Indices of the comment lines of ``doc``'s thread, or ``[]`` where no thread can be identified.

    Only pages that are articles (or say nothing of their type) with at least
    two reply markers have a thread; its comment lines are junk-labelled lines
    of five or more words with a sentence's punctuation and no clock time, from the first marker
    after the article's content (else the first marker) to the last reply marker.
    """
    if doc.page_type not in (None, ARTICLE):
        return []
    lines = [line.strip() for line in doc.lines]
    replies = [i for i, line in enumerate(lines) if REPLY.search(line)]
    if len(replies) < MIN_REPLIES:
        return []
    markers = [i for i, line in enumerate(lines) if MARKER.search(line)]
    content = [i for i, label in enumerate(doc.labels) if label == CONTENT]
    after = [i for i in markers if not content or i > content[-1] - 3]
    if not after:
        return []
    found = [i for i in range(after[0], replies[-1] + 1)
             if doc.labels[i] == JUNK and len(lines[i].split()) >= MIN_WORDS
             and not MARKER.search(lines[i]) and not STAMP.search(lines[i]) and SENTENCE.search(lines[i])]
    return found if len(found) >= MIN_REPLIES else []


def thread_pages(docs: Sequence[LabelledDocument]) -> list[dict]:
    """The pages of ``docs`` whose comment thread :func:`comment_lines` identifies: their source, domain
    and number of comment lines, as the evaluation lists them beside the share of comment lines kept."""
    return [{"page": doc.source, "domain": doc.domain, "comment_lines": len(found)}
            for doc in docs if (found := comment_lines(doc))]
