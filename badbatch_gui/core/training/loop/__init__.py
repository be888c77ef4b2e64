"""The training loop: the trainer, one step, its clock and safety checks, batch curation, the parts it builds."""
