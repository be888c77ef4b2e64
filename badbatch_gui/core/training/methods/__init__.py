"""The learning methods: contrastive losses, EMC2 and its chain states, SogCLR, their health readings."""
