"""The run folder: run.json and its record, checkpoints, the control file, the run listing, the photos a run uses."""
