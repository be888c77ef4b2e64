"""Training the encoder: the trainer loop with its recorder and safety helper, EMC2 / SogCLR losses, memory
forecast, checkpoints, run folders, multi-GPU and evaluation.
"""
