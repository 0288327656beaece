from __future__ import annotations

from train.data.documents import LabelledDocument
from train.data.threads import comment_lines, thread_pages

ARTICLE = ["Council approves new cycle lanes", "The council approved three new cycle lanes on Monday evening.",
           "Work on the first lane starts in May, the transport office said."]
THREAD = ["2 Comments", "Leave a Reply", "Mara Quill says:", "March 3, 2026 at 9:14 am",
          "Finally, my commute to the mill will be safe for the kids.", "Reply",
          "Tom Reed says:", "I hope they also fix the potholes on Elm Street first.", "Reply"]
FOOTER = ["About us", "Contact", "Privacy policy"]


def page(lines: list[str], labels: list[int], page_type: str | None = "article") -> LabelledDocument:
    return LabelledDocument(lines=lines, labels=labels, page_type=page_type, source="t/1")


def test_the_comments_of_a_thread_under_an_article_are_found() -> None:
    lines = ARTICLE + THREAD + FOOTER
    doc = page(lines, [1, 1, 1] + [0] * (len(THREAD) + len(FOOTER)))
    assert [lines[i] for i in comment_lines(doc)] == [
        "Finally, my commute to the mill will be safe for the kids.",
        "I hope they also fix the potholes on Elm Street first."]


def test_no_thread_without_reply_markers_or_on_other_page_types() -> None:
    no_replies = [line for line in THREAD if line != "Reply" and not line.endswith("says:")]
    assert comment_lines(page(ARTICLE + no_replies, [1, 1, 1] + [0] * len(no_replies))) == []
    lines = ARTICLE + THREAD
    # on a forum thread the posts are the content: nothing there is a reader's comment on an article
    assert comment_lines(page(lines, [1, 1, 1] + [0] * len(THREAD), page_type="forum")) == []


def test_labelled_content_is_never_a_comment() -> None:
    lines = ARTICLE + THREAD
    labels = [1, 1, 1] + [0] * len(THREAD)
    labels[lines.index("Finally, my commute to the mill will be safe for the kids.")] = 1
    found = [lines[i] for i in comment_lines(page(lines, labels))]
    assert "Finally, my commute to the mill will be safe for the kids." not in found


def test_thread_pages_list_the_pages_with_a_thread() -> None:
    lines = ARTICLE + THREAD
    with_thread = page(lines, [1, 1, 1] + [0] * len(THREAD))
    without = page(ARTICLE, [1, 1, 1])
    assert thread_pages([with_thread, without]) == [{"page": "t/1", "domain": "", "comment_lines": 2}]
