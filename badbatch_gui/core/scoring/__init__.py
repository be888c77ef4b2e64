"""The Batch check: FRD, thresholds, the feature network's features, per-photo findings, the report and the keep / leave-out decisions."""
