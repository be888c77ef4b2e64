"""Sentences joined from translated pieces follow the language: no "1 枚." and no "。 これは" in Japanese."""

from __future__ import annotations

from badbatch_gui.gui.text import sentences


def test_join_puts_a_space_between_english_sentences_and_none_after_japanese():
    assert sentences.join("Fits.", "", "This comes on top.") == "Fits. This comes on top."
    assert sentences.join("必要です。", "これはアプリの分です。") == "必要です。これはアプリの分です。"
    assert (
        sentences.join("写りの悪い写真 2 枚も学習に使います", "（うち 1 枚）")
        == "写りの悪い写真 2 枚も学習に使います（うち 1 枚）"
    )


def test_end_closes_a_sentence_in_its_own_language():
    assert sentences.end("暗すぎる 1 枚") == "暗すぎる 1 枚。"
    assert sentences.end("1 too dark") == "1 too dark."
    assert sentences.end("Done.") == "Done."
    assert sentences.end("完了。") == "完了。"
