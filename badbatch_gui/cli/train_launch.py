"""``badbatch train --nproc N``: start N training processes through PyTorch's launcher, torch.distributed.run.

This process becomes torchrun's agent (``torch.distributed.run.main``, no extra Python start-up): it starts
``python -m badbatch_gui.cli train ...`` (the same options, minus ``--nproc`` and the rendezvous options)
N times with RANK / WORLD_SIZE / LOCAL_RANK / MASTER_ADDR / MASTER_PORT set, watches them, and stops all
of them when one fails. One machine uses ``--standalone`` (a local rendezvous on a free port); several
machines use torchrun's c10d rendezvous: the same command on every machine with ``--nnodes``,
``--rdzv-endpoint HOST:PORT`` (a machine all can reach) and the same ``--rdzv-id``. c10d numbers the
machines itself; with ``--node-rank K`` (0 on the machine holding the run folder) the static rendezvous is
used instead, with HOST:PORT as the master address, so rank 0 (the only writer) is on machine 0.

Ctrl-C reaches torchrun, which forwards SIGINT to every worker: the workers agree to stop at the next step
boundary, rank 0 writes a checkpoint, and this command exits 130.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

log = logging.getLogger(__name__)


def launch(
    worker_argv: Sequence[str],
    nproc: int,
    nnodes: str | None = None,
    rdzv_endpoint: str | None = None,
    rdzv_id: str = "badbatch",
    node_rank: int | None = None,
) -> int:
    """Run ``badbatch <worker_argv>`` in ``nproc`` processes on this machine; returns the exit code.

    Args:
        worker_argv: the worker's command line after ``badbatch`` (e.g. ``["train", DIR, "--out", RUN]``).
        nproc: processes on this machine (one per GPU).
        nnodes: number of machines ("2", or "MIN:MAX"); None for this machine only.
        rdzv_endpoint: HOST:PORT of the rendezvous (multi-machine only).
        rdzv_id: name shared by all machines of one run (multi-machine only).
        node_rank: this machine's number (0 = the one whose first process is rank 0); None lets c10d choose.

    Returns:
        0 when every worker completed, 130 when stopped (Ctrl-C), else the first failed worker's exit code.
    """
    from torch.distributed.elastic.multiprocessing.api import SignalException
    from torch.distributed.elastic.multiprocessing.errors import ChildFailedError
    from torch.distributed.run import main as torchrun_main

    if "OMP_NUM_THREADS" not in os.environ:  # torchrun would force 1 thread per worker; share the cores instead
        os.environ["OMP_NUM_THREADS"] = str(max(1, (os.cpu_count() or 1) // max(1, nproc)))
    if nnodes and node_rank is not None:
        host, _, port = str(rdzv_endpoint).rpartition(":")
        args = [
            "--nnodes",
            str(nnodes),
            "--node-rank",
            str(int(node_rank)),
            "--master-addr",
            host,
            "--master-port",
            port,
        ]
    elif nnodes:
        args = [
            "--nnodes",
            str(nnodes),
            "--rdzv-backend",
            "c10d",
            "--rdzv-endpoint",
            str(rdzv_endpoint),
            "--rdzv-id",
            str(rdzv_id),
        ]
    else:
        args = ["--standalone"]
    args += ["--nproc-per-node", str(int(nproc)), "--max-restarts", "0"]
    if getattr(sys, "frozen", False):  # the packaged app: the workers run the bundled ``badbatch`` executable
        args += ["--no-python", sys.executable, *worker_argv]
    else:
        args += ["-m", "badbatch_gui.cli", *worker_argv]
    log.info("launching torch.distributed.run %s", " ".join(args))
    try:
        torchrun_main(args)
    except SignalException:
        return 130
    except ChildFailedError as exc:
        _rank, failure = exc.get_first_failure()
        code = int(failure.exitcode)
        return code if code > 0 else 1
    return 0
