"""The encoder network and its files: the ResNet + projector every feature builds (``models``), and the one way an
encoder is written to and read back from disk with its preprocessing (``encoder_io``).
"""
