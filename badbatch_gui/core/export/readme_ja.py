"""The Japanese half of an export's README.txt (the English half is ``model_card.readme_text``).

An export folder is read by people on other computers, often without the app, so its README.txt carries both
languages instead of following the window's: the English guide first, then this one. Built from the same model card
(numbers only; the card's readable English phrases are not reused). The core is Qt-free, so this text is written
here directly rather than through the window's translation files.
"""

from __future__ import annotations

from typing import Any

from badbatch_gui.core.export.model_card import human_bytes, human_duration

SEPARATOR = "\n" + "-" * 60 + "\n\n"


def readme_text_ja(card: dict[str, Any], onnx_written: bool) -> str:
    """A short guide, in Japanese, to loading and using the export (same content as the English one)."""
    kf, size = card["key_figures"], card["input_size"]
    where = {"cuda": "GPU メモリー", "cpu_rss": "プロセスのメモリー（CPU で学習）"}.get(
        str(kf.get("memory_kind")), "メモリー"
    )
    duration = human_duration(kf.get("training_time_s"))
    peak = human_bytes(kf.get("peak_memory_bytes")) if kf.get("peak_memory_bytes") else None
    images, epochs = kf.get("images_used"), kf.get("epochs")
    data = f"写真 {images} 枚 × {epochs} 周" if images is not None and epochs is not None else "不明"
    if kf.get("images_left_out"):
        data += f"（{kf['images_left_out']} 枚は除外）"
    st = card["self_test"]
    lines = [
        f"BadBatch Studio エンコーダーの書き出し: {card['name']}（作成 {card['created']}）",
        "",
        f"学習時間: {duration or '不明'}、最大メモリー: {f'{peak}（{where}）' if peak else '不明'}、データ: {data}。",
        f"自己テスト: {'合格' if st['passed'] else '不合格'}（最大の差 {st['max_abs_diff']:.2e}、許容 "
        f"{st['tolerance']:.0e}）。",
        "",
        "ファイル: encoder.safetensors（重み）、model_card.json（構成、前処理、学習の記録）"
        + ("、encoder.onnx" if onnx_written else "")
        + "。",
        "",
        "Python で読み込む（pip install badbatch-gui）:",
        "    from badbatch_gui import load_encoder",
        "    encoder, preprocess = load_encoder('<このフォルダー>')",
        "    x = preprocess('photo.jpg').unsqueeze(0)      # (1, 3, S, S)、値は 0〜1",
        f"    embedding = encoder(x)                         # (1, {card['embedding']['dim']})",
        "",
        "フォルダーの写真をまとめて変換:  badbatch embed <このフォルダー> <写真のフォルダー> --out embeddings.npy",
        "",
        f"前処理: {size} × {size} ピクセルに合わせる（詳細は model_card.json の preprocessing）。RGB を 0〜1 に換算します。",
        "ImageNet の平均・標準偏差による正規化はモデルの中で行います。重ねて正規化しないでください。",
        "重みは safetensors か torch.load(weights_only=True) でだけ読み込んでください。信頼できないファイルを"
        "unpickle しないでください。",
    ]
    if onnx_written:
        lines += [
            "",
            f"ONNX: 入力 'images' float32 (N, 3, {size}, {size})、値は 0〜1。出力 'embeddings' (N, "
            f"{card['embedding']['dim']})。例: onnxruntime.InferenceSession('encoder.onnx')"
            ".run(None, {'images': x})",
        ]
    return "\n".join(lines) + "\n"
