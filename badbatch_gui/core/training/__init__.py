"""Training the encoder: the trainer loop, EMC2 / SogCLR losses, models, memory forecast, checkpoints, run folders, multi-GPU and evaluation."""
