"""Every user-facing sentence builder: plain messages, Batch check wording, plurals, finding names and number / duration formatting."""
