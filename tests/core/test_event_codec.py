"""Events to JSON lines and back (the --progress jsonl stream the GUI's multi-GPU worker reads)."""

from __future__ import annotations

import math

from badbatch_gui.core import events as ev
from badbatch_gui.core.event_codec import from_json, to_json


def test_every_training_event_survives_a_round_trip():
    samples = [
        ev.StateChanged(ev.RunState.PAUSED),
        ev.Progress("decode", 3, None, "decoding images"),
        ev.ScanProgress(10, None, "a.png"),
        ev.Notice("skipped_file", "x.png could not be read", "warning", {"path": "x.png"}),
        ev.StepMetrics(
            step=3,
            total_steps=12,
            epoch=0,
            epochs=2,
            loss=0.5,
            lr=1e-3,
            images_per_s=20.0,
            batch_frd=0.1,
            frd_threshold=None,
            rejected_batches=0,
            batch_size=8,
            eta_s=None,
            elapsed_s=1.5,
            rss_bytes=123,
            skipped=False,
        ),
        ev.EpochEnded(epoch=0, epochs=2, mean_loss=0.4, rejected=1, batches=6),
        ev.CheckpointSaved(path="/r/checkpoint.pt", epoch=1, step=6),
        ev.RunFinished(ev.FinishReason.CANCELED, "stopped"),
    ]
    for e in samples:
        line = to_json(e)
        assert line is not None
        assert "\n" not in line
        assert from_json(line) == e


def test_nan_loss_and_a_summary_result_are_kept():
    m = ev.StepMetrics(
        step=1,
        total_steps=2,
        epoch=0,
        epochs=1,
        loss=float("nan"),
        lr=0.1,
        images_per_s=1.0,
        batch_frd=float("nan"),
        frd_threshold=None,
        rejected_batches=1,
        batch_size=4,
        eta_s=None,
        elapsed_s=0.1,
        skipped=True,
    )
    back = from_json(to_json(m))
    assert math.isnan(back.loss)
    assert back.skipped
    assert back.rejected_batches == 1

    class Summary:
        def to_dict(self):
            return {"steps": 5, "headline": "h"}

    done = from_json(to_json(ev.RunFinished(ev.FinishReason.COMPLETED, "ok", Summary())))
    assert done.reason is ev.FinishReason.COMPLETED
    assert done.result == {"steps": 5, "headline": "h"}


def test_other_lines_are_not_events():
    for line in (
        "epoch 1/2 step 3/12: loss 0.5",
        "",
        "{not json",
        '{"event": "Nope"}',
        '{"event": "StateChanged"}',
        "[1, 2]",
        '{"event": "StateChanged", "state": "bogus"}',
    ):
        assert from_json(line) is None
    assert to_json(object()) is None
